import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * The transcription of A/77/590/Add.1 checked against the report itself: every figure points at
 * a paragraph that exists, its quote is in that paragraph, and a stated value is in its quote.
 */
const root = join(__dirname, '..', '..');
// A copy of ../shared/source/A-77-590-Add.1.zh.txt (the original text), kept with the seeds it backs.
const report = readFileSync(
  join(root, 'seeds', 'indicators', 'source', 'A-77-590-Add.1.zh.txt'),
  'utf8',
);
const read = (file: string) =>
  parse(readFileSync(join(root, 'seeds', 'indicators', file), 'utf8'), {
    columns: true,
    bom: true,
  }) as Record<string, string>[];
const indicators = read('indicators.csv');
const observations = read('observations.csv');
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Paragraph number -> its text (squeezed), split on the numbered paragraph starts. */
function paragraphs(): Map<string, string> {
  const map = new Map<string, string>();
  const starts = [...report.matchAll(/^\s*(\d{1,2})\.\s/gm)];
  let expected = 1;
  const kept = starts.filter((m) => {
    if (Number(m[1]) !== expected) return false;
    expected += 1;
    return true;
  });
  kept.forEach((m, i) => {
    const end = i + 1 < kept.length ? kept[i + 1].index : report.length;
    // A paragraph can run across a page break, where the page's footnotes sit in the text.
    map.set(
      m[1],
      squeeze(report.slice(m.index, end)).replace(
        /_{5,}(\d{1,2}[^。]*。)+(https:\/\/undocs\.org\/[a-z]{2}\/[A-Za-z0-9/.]+?(?=https|[^A-Za-z0-9/.]))*/g,
        '',
      ),
    );
  });
  return map;
}

const CHINESE_NUMERALS: Record<string, string> = {
  一: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  十: '10',
};

describe('indicators > seed > transcription of A/77/590/Add.1', () => {
  const byParagraph = paragraphs();

  it('finds the 46 numbered paragraphs of the report', () => {
    expect(byParagraph.size).toBe(46);
  });

  it.each(observations.map((o) => [`${o.indicator_code} ${o.period}`, o] as const))(
    '%s: paragraph, quote and value are in the report',
    (_label, o) => {
      expect(o.document).toBe('A/77/590/Add.1');
      const text = byParagraph.get(o.paragraph);
      expect(text).toBeDefined();
      expect(text).toContain(squeeze(o.quote));
      if (o.derived === '0') {
        const quote = squeeze(o.quote)
          .replace(/(\d)\s*(\d{3})/g, '$1$2')
          // 10.3 万 is 103,000
          .replace(/(\d+(?:\.\d+)?)万/g, (_m, n: string) => String(Math.round(Number(n) * 10_000)));
        const numerals = Object.entries(CHINESE_NUMERALS)
          .filter(([c]) => quote.includes(c))
          .map(([, d]) => d);
        const stated = [o.value, String(Number(o.value))];
        expect(stated.some((v) => quote.includes(v)) || numerals.includes(o.value)).toBe(true);
      } else {
        expect(o.derivation).toMatch(/=\s*(about\s*)?[\d.]+/);
      }
    },
  );

  it('has an indicator for every observation and an observation for every indicator', () => {
    const codes = new Set(indicators.map((i) => i.code));
    for (const o of observations) expect(codes).toContain(o.indicator_code);
    const observed = new Set(observations.map((o) => o.indicator_code));
    for (const i of indicators) expect(observed).toContain(i.code);
  });

  it('spot checks against the text', () => {
    const find = (code: string, period: string) =>
      observations.find((o) => o.indicator_code === code && o.period === period);
    expect(find('women-share-p-fs', '2021')).toMatchObject({
      value: '42.2',
      paragraph: '6',
      derived: '0',
    });
    expect(find('women-share-p-fs', '2020')).toMatchObject({ value: '40.9', derived: '1' });
    expect(find('women-share-p-fs', '2016')).toMatchObject({ value: '35.0', derived: '1' });
    expect(find('time-to-recruit-days', '2019')).toMatchObject({ value: '134', paragraph: '21' });
    expect(find('member-states-within-range', '2019')).toMatchObject({
      value: '108',
      qualifier: 'peak',
      paragraph: '3',
    });
    expect(find('member-states-under-represented', '2019')).toMatchObject({
      value: '34',
      qualifier: 'lowest',
    });
    const parity = indicators.find((i) => i.code === 'women-share-p-fs');
    expect(parity).toMatchObject({
      target_min: '47',
      target_max: '53',
      target_year: '2028',
      baseline_period: '2016',
      outcome: 'diversity',
      unit: 'percent',
    });
  });
});
