import type { PriceOfErrorInputs } from './priceOfError';

/** A starting point for the price-of-error worksheet; `basis` says where every number comes from. */
export interface PriceOfErrorPreset {
  id: string;
  label: string;
  inputs: PriceOfErrorInputs;
  /** What a "claim" is in this use case. */
  claim: string;
  /** Source or assumption behind each input, in plain words. */
  basis: string[];
}

/**
 * Documented presets. Only the medical one rests on published figures (the thesis' worked example,
 * section 3.3); the others are labelled assumptions meant to be replaced by the user's own data.
 */
export const PRICE_OF_ERROR_PRESETS: readonly PriceOfErrorPreset[] = [
  {
    id: 'medical-diagnosis',
    label: 'Medical diagnosis (thesis §3.3)',
    claim: 'a malpractice claim',
    inputs: { costPerClaim: 500_000, pErrorGivenClaim: 2 / 3, pClaim: 1 / 100_000, pError: 1 / 100 },
    basis: [
      'Cost per claim: mean malpractice payout of about $485,000 (Studdert et al., 2006), rounded to $500,000.',
      'P(error | claim) = 2/3: about two thirds of claims involve a genuine medical error (Studdert et al., 2006).',
      'P(claim) = 1/100,000: a 7.4% yearly chance of a claim per physician (Jena et al., 2011), i.e. one claim per ~13.5 years of ~3 diagnoses an hour.',
      'P(error) = 1/100: about 1 in 20 adults meets a diagnostic error each year (Singh et al., 2014), spread over several diagnoses each.',
    ],
  },
  {
    id: 'customer-support',
    label: 'Customer-support answer (illustrative)',
    claim: 'an escalation to a human agent with a goodwill credit',
    inputs: { costPerClaim: 15, pErrorGivenClaim: 0.5, pClaim: 0.02, pError: 0.05 },
    basis: [
      'Assumption: an escalation costs ~10 minutes of an agent at a loaded $40/hour (~$7) plus an $8 goodwill credit.',
      'Assumption: half of escalations follow a wrong automated answer; 2% of conversations escalate; 5% of automated answers are wrong.',
      'Replace with your ticketing data: escalations per conversation and the share caused by bad answers.',
    ],
  },
  {
    id: 'contract-review',
    label: 'Contract clause review (illustrative)',
    claim: 'a dispute traced to a missed or misread clause',
    inputs: { costPerClaim: 50_000, pErrorGivenClaim: 0.3, pClaim: 1e-4, pError: 0.01 },
    basis: [
      'Assumption: settling a small commercial dispute costs ~$50,000 including counsel.',
      'Assumption: 30% of such disputes stem from a review error; one dispute per 10,000 reviewed clauses; 1% of clauses misread.',
      "Replace with your legal department's dispute log.",
    ],
  },
  {
    id: 'ecommerce-search',
    label: 'E-commerce search result (illustrative)',
    claim: 'a lost sale',
    inputs: { costPerClaim: 10, pErrorGivenClaim: 0.1, pClaim: 0.05, pError: 0.05 },
    basis: [
      'Assumption: a lost sale forgoes ~$10 of margin.',
      'Assumption: 10% of abandoned searches are caused by an irrelevant result; 5% of searches end without a purchase they would otherwise have led to; 5% of results are wrong.',
      'Gives ≈ $1 per error, the order of magnitude the thesis quotes for search (section 3.1).',
    ],
  },
];
