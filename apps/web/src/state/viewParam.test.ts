import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, readView, writeView } from './viewParam';

describe('view in the URL', () => {
  it('reads a known view and falls back to the default for anything else', () => {
    expect(readView('?view=services')).toBe('services');
    expect(readView('?view=<script>')).toBe(DEFAULT_VIEW);
    expect(readView('')).toBe(DEFAULT_VIEW);
  });

  it('writes the view next to other parameters and omits the default', () => {
    expect(DEFAULT_VIEW).toBe('map');
    expect(writeView('?namespace=shop', 'flows')).toBe('?namespace=shop&view=flows');
    expect(writeView('?namespace=shop&view=flows', DEFAULT_VIEW)).toBe('?namespace=shop');
  });
});
