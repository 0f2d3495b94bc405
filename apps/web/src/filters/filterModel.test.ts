import { describe, expect, it } from 'vitest';
import {
  combinationError,
  filterBarText,
  filterChips,
  filterFromUrl,
  isEmptyFilter,
  observeCommand,
  parseFilterText,
  readFilterParam,
  removeChip,
  restFilterText,
  writeFilterParam,
  type SharedFilter,
} from './filterModel';

function parsed(text: string): SharedFilter {
  const result = parseFilterText(text);
  if (result.error) throw result.error;
  return result.filter;
}

describe('the shared filter', () => {
  it('moves namespaces to the sidebar part and writes the rest canonically', () => {
    const filter = parsed('--verdict dropped -n shop --to-port 443 --namespace default');
    expect(filter.namespaces).toEqual(['default', 'shop']);
    expect(filter.rest.namespaces).toEqual([]);
    expect(restFilterText(filter)).toBe('--verdict DROPPED --to-port 443');
    expect(filterBarText(filter)).toBe('--namespace default --namespace shop --verdict DROPPED --to-port 443');
  });

  it('round-trips what a user pastes from the CLI', () => {
    const text = '--namespace shop --verdict DROPPED --to-port 443';
    expect(filterBarText(parsed(text))).toBe(text);
    expect(filterBarText(parsed(`hubble observe ${text} --follow`))).toBe(text);
  });

  it('reports a bad flag with its name and position, and never throws', () => {
    const result = parseFilterText('--namespace shop --to-port');
    expect(result.filter).toBeNull();
    expect(result.error?.flag).toBe('--to-port');
    expect(result.error?.position).toBe(17);
    expect(parseFilterText("--label 'a").error?.message).toMatch(/quot/i);
    expect(parseFilterText('--verdict MAYBE').error?.flag).toBe('--verdict');
  });

  it('knows which namespace selections upstream refuses next to the rest', () => {
    expect(combinationError({ ...parsed('--from-pod shop/cart'), namespaces: ['shop'] })?.message).toMatch(/--namespace/);
    expect(combinationError({ ...parsed('--from-pod shop/cart'), namespaces: [] })).toBeNull();
    expect(combinationError({ ...parsed('--verdict DROPPED'), namespaces: ['shop'] })).toBeNull();
  });

  it('offers the equivalent hubble observe command', () => {
    expect(observeCommand(parsed('--namespace shop --verdict DROPPED --to-port 443'))).toBe(
      'hubble observe --namespace shop --verdict DROPPED --to-port 443 --follow',
    );
    expect(observeCommand(parsed('--http-path "/api v1"'))).toBe("hubble observe --http-path '/api v1' --follow");
    // Free text has no hubble flag.
    expect(observeCommand(parsed('checkout --verdict DROPPED'))).toBe('hubble observe --verdict DROPPED --follow');
    expect(isEmptyFilter(parsed(''))).toBe(true);
    expect(isEmptyFilter(parsed('-n shop'))).toBe(false);
  });

  it('has a chip per flag and one for free text, and removes any of them', () => {
    const filter = parsed('-n shop --not --verdict FORWARDED --to-port 443 cart');
    const chips = filterChips(filter);
    expect(chips.map((c) => `${c.label} ${c.value}`)).toEqual(['--namespace shop', '--to-port 443', '--not --verdict FORWARDED', 'text cart']);
    expect(chips.at(-1)?.local).toBe(true);
    expect(filterBarText(removeChip(filter, 'flag:0'))).toBe('--to-port 443 --not --verdict FORWARDED cart');
    expect(removeChip(filter, 'flag:0').namespaces).toEqual([]);
    expect(filterBarText(removeChip(filter, 'flag:2'))).toBe('--namespace shop --to-port 443 cart');
    expect(filterBarText(removeChip(filter, 'text'))).toBe('--namespace shop --to-port 443 --not --verdict FORWARDED');
    expect(removeChip(filter, 'nonsense')).toBe(filter);
  });
});

describe('the filter in the URL', () => {
  it('reads and writes ?filter= next to other parameters', () => {
    const search = writeFilterParam('?namespace=shop&view=flows', '--verdict DROPPED --to-port 443');
    expect(search).toBe('?namespace=shop&view=flows&filter=--verdict+DROPPED+--to-port+443');
    expect(readFilterParam(search)).toBe('--verdict DROPPED --to-port 443');
    expect(writeFilterParam(search, '')).toBe('?namespace=shop&view=flows');
  });

  it('takes the sidebar namespaces unless the filter text names its own', () => {
    expect(filterBarText(filterFromUrl('?filter=--verdict+DROPPED', ['shop']).filter)).toBe('--namespace shop --verdict DROPPED');
    expect(filterFromUrl('?filter=-n+default', ['shop']).filter.namespaces).toEqual(['default']);
  });

  it('starts empty, and says why, when the URL filter cannot be used', () => {
    const bad = filterFromUrl('?filter=--to-port', ['shop']);
    expect(bad.filter.namespaces).toEqual(['shop']);
    expect(restFilterText(bad.filter)).toBe('');
    expect(bad.rejected?.text).toBe('--to-port');
    expect(bad.rejected?.error.flag).toBe('--to-port');
    const conflict = filterFromUrl('?filter=--from-pod+shop/cart', ['shop']);
    expect(conflict.rejected?.text).toBe('--namespace shop --from-pod shop/cart');
    expect(filterFromUrl('', []).rejected).toBeNull();
  });
});
