/** Inputs of the Bayes estimate of the price of error (section 3.3, eqs. 3.16–3.17). */
export interface PriceOfErrorInputs {
  /** E[cost | claim]: mean payout (or loss) when an error leads to a claim, in $. */
  costPerClaim: number;
  /** P(error | claim): share of claims that stem from a genuine error. */
  pErrorGivenClaim: number;
  /** P(claim): claims per decision (e.g. claims per year / decisions per year). */
  pClaim: number;
  /** P(error): errors per decision. */
  pError: number;
}

export interface PriceOfErrorEstimate {
  /** λ̂_E = E[cost | claim]·P(claim | error), in $ per error; null when the inputs are inconsistent. */
  priceOfError: number | null;
  /** P(claim | error) = P(error | claim)·P(claim) / P(error) by Bayes' theorem. */
  pClaimGivenError: number | null;
  warnings: string[];
}

/**
 * Price-of-error worksheet (thesis section 3.3): the expected payout an error triggers,
 * λ̂_E = E[cost | claim] × P(error | claim)·P(claim) / P(error). With the thesis' medical-diagnosis
 * numbers ($500,000, 2/3, 1/100,000, 1/100) this gives ≈ $333.
 */
export function priceOfError(inp: PriceOfErrorInputs): PriceOfErrorEstimate {
  const warnings: string[] = [];
  if (!(Number.isFinite(inp.costPerClaim) && inp.costPerClaim >= 0))
    warnings.push(`cost per claim must be a finite amount >= 0, got ${inp.costPerClaim}`);
  for (const [name, p] of [
    ['P(error | claim)', inp.pErrorGivenClaim],
    ['P(claim)', inp.pClaim],
  ] as const)
    if (!(p >= 0 && p <= 1)) warnings.push(`${name} must be a probability in [0, 1], got ${p}`);
  if (!(inp.pError > 0 && inp.pError <= 1)) warnings.push(`P(error) must be in (0, 1], got ${inp.pError}`);
  if (warnings.length) return { priceOfError: null, pClaimGivenError: null, warnings };
  const pClaimGivenError = (inp.pErrorGivenClaim * inp.pClaim) / inp.pError;
  if (pClaimGivenError > 1) {
    warnings.push(
      `inconsistent inputs: P(claim | error) = P(error | claim)·P(claim)/P(error) = ${pClaimGivenError.toPrecision(3)} > 1 (there would be more error-driven claims than errors); raise P(error) or lower P(claim).`,
    );
    return { priceOfError: null, pClaimGivenError: null, warnings };
  }
  return { priceOfError: inp.costPerClaim * pClaimGivenError, pClaimGivenError, warnings };
}
