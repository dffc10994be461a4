import type { Normaliser } from '../credit/bureau-connector.js';
import type { BureauId } from '../credit/credit-summary.js';
import { normaliseCreditsafe } from '../credit/normalisers/creditsafe.js';
import { normaliseDnb } from '../credit/normalisers/dnb.js';
import { normaliseEquifax } from '../credit/normalisers/equifax.js';
import { normaliseExperian } from '../credit/normalisers/experian.js';
import { normalisePboc } from '../credit/normalisers/pboc.js';
import { normaliseTransUnion } from '../credit/normalisers/transunion.js';

/** The normaliser of each bureau's product. */
export const NORMALISERS: Record<BureauId, Normaliser> = {
  experian: normaliseExperian,
  equifax: normaliseEquifax,
  transunion: normaliseTransUnion,
  dnb: normaliseDnb,
  creditsafe: normaliseCreditsafe,
  pboc: normalisePboc,
};
