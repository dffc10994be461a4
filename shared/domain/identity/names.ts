import { bigramDice, jaroWinkler, tokenOverlap } from './similarity.js';

/** A few common traditional → simplified characters seen in company names (HK/TW registrations). */
const TRAD_TO_SIMP: Record<string, string> = {
  '國': '国', '際': '际', '業': '业', '實': '实', '興': '兴', '發': '发', '貿': '贸', '電': '电', '華': '华',
  '東': '东', '廣': '广', '號': '号', '銀': '银', '機': '机', '產': '产', '設': '设', '計': '计',
  '網': '网', '絡': '络', '務': '务', '開': '开', '灣': '湾', '門': '门', '會': '会', '車': '车', '運': '运',
  '為': '为', '術': '术', '創': '创', '訊': '讯', '數': '数', '據': '据', '測': '测', '體': '体', '醫': '医',
  '藥': '药', '廠': '厂', '飛': '飞', '紡': '纺', '織': '织', '鋼': '钢', '鐵': '铁', '聯': '联', '進': '进',
  '區': '区', '亞': '亚', '環': '环', '達': '达', '豐': '丰', '長': '长', '億': '亿', '滙': '汇', '匯': '汇', '資': '资', '貨': '货', '傳': '传',
};

/** Chinese legal-form and qualifier suffixes, longest first so 股份有限公司 wins over 有限公司. */
const CJK_SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '分公司', '总公司', '公司', '(中国)', '(香港)',
];

/** Latin legal forms, matched as whole tokens at the end after punctuation is turned into spaces. */
const LATIN_SUFFIXES = new Set([
  'ltd', 'limited', 'llc', 'llp', 'lp', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag',
  'sa', 'sarl', 'sas', 'bv', 'nv', 'plc', 'pte', 'pty', 'kg', 'ohg', 'ug', 'spa', 'srl', 'oy', 'ab', 'as', 'aps',
  'kk', 'sl', 'se', 'group', 'holding', 'holdings', 'the', 'and', 'mbh', 'cokg', 'ev',
]);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** True when the text contains CJK ideographs. */
export const isCjk = (text: string): boolean => CJK.test(text);

/**
 * Canonical form of a company name for matching: NFKC (full-width → half-width), lower case, Latin diacritics removed,
 * traditional → simplified for common characters, `&` → and, dotted forms such as S.A.R.L. or
 * Co. folded, punctuation and spaces removed, legal-form suffixes (有限公司, 股份有限公司,
 * 集团, （中国）, a leading 省/市 region, Ltd, GmbH, LLC, Inc, plc, …) stripped from the end (repeatedly). Returns
 * `{ key, tokens }`: `key` has no spaces, `tokens` are the remaining Latin words.
 * @example normaliseCompanyName('ACME Trading Co., Ltd.') // { key: 'acmetrading', tokens: ['acme', 'trading'] }
 */
export const normaliseCompanyName = (raw: string): { key: string; tokens: string[] } => {
  let text = raw.normalize('NFKC').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  text = [...text].map((ch) => TRAD_TO_SIMP[ch] ?? ch).join('');
  text = text.replace(/&/g, ' and ').replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1').replace(/\b([a-z])\.([a-z])\.([a-z])?\.?/g, '$1$2$3');
  // CJK suffixes, including parenthesised region qualifiers anywhere ((中国) after NFKC is ASCII parens).
  text = text.replace(/\((中国|香港|北京|上海|深圳|china|hong kong)\)/g, ' ');
  let changed = true;
  while (changed) {
    changed = false;
    const squeezed = text.replace(/[\s\p{P}\p{S}]+$/u, '');
    for (const suffix of CJK_SUFFIXES) {
      if (squeezed.endsWith(suffix) && squeezed.length > suffix.length) {
        text = squeezed.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  // A leading administrative region (深圳市…, 广东省…) is a registration qualifier, not the name.
  text = text.replace(/^\s*(\p{Script=Han}{2,3}省)?(\p{Script=Han}{2,3}市)?(?=\p{Script=Han}{2})/u, '');
  const tokens = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  while (tokens.length > 1 && LATIN_SUFFIXES.has(tokens[tokens.length - 1] ?? '')) tokens.pop();
  while (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  return { key: tokens.join(''), tokens: tokens.filter((t) => !CJK.test(t)) };
};

/**
 * Similarity of two company names in [0, 1] after normalisation: 1 for equal keys; for CJK
 * names the bigram Dice coefficient; otherwise the larger of Jaro-Winkler on the keys and
 * token overlap (robust to word order, e.g. "Bank of X" vs "X Bank"). When both names carry
 * numbers and they differ, at most 0.75 (no name evidence): "Shop 12" is not "Shop 21".
 */
export const companyNameSimilarity = (a: string, b: string): number => {
  const x = normaliseCompanyName(a);
  const y = normaliseCompanyName(b);
  if (!x.key || !y.key) return 0;
  if (x.key === y.key) return 1;
  const similarity = isCjk(x.key) || isCjk(y.key) ? bigramDice(x.key, y.key) : Math.max(jaroWinkler(x.key, y.key), tokenOverlap(x.tokens, y.tokens));
  return differentNumbers(x.key, y.key) ? Math.min(similarity, DIFFERENT_NUMBERS_CAP) : similarity;
};

/** Names whose numbers differ ("Shop 12" / "Shop 21", "Company 0052" / "Company 0025") name different companies. */
const DIFFERENT_NUMBERS_CAP = 0.75;
const differentNumbers = (a: string, b: string): boolean => {
  const x = a.match(/\d+/g);
  const y = b.match(/\d+/g);
  return !!x && !!y && x.join(' ') !== y.join(' ');
};
