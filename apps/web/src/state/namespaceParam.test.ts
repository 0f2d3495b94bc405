import { describe, expect, it } from 'vitest';
import { readNamespaces, writeNamespaces } from './namespaceParam';

describe('namespace selection in the URL', () => {
  it('reads every namespace parameter, sorted, without blanks or repeats', () => {
    expect(readNamespaces('?namespace=shop&namespace=default&namespace=&namespace=shop')).toEqual(['default', 'shop']);
    expect(readNamespaces('')).toEqual([]);
  });

  it('writes the selection and keeps unrelated parameters', () => {
    expect(writeNamespaces('?flow=abc&namespace=old', ['a', 'b'])).toBe('?flow=abc&namespace=a&namespace=b');
    expect(writeNamespaces('?namespace=old', [])).toBe('');
  });
});
