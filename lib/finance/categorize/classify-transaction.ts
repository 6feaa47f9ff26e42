// The categorization pipeline for a batch of one user's transactions:
//
//   1. the user's rules, in order; the first match wins with confidence 1
//   2. the local classifier trained on the user's categorized transactions
//   3. the built-in merchant dictionary (then keyword hints), mapped to the user's categories
//   4. the LLM, if configured, for whatever is still below the review threshold (batched)
//
// A stage's answer is taken as soon as it reaches the threshold; otherwise the most confident
// suggestion so far is kept and the next stage may beat it. Whatever ends below the threshold
// is needsReview: the caller leaves the transaction uncategorized and stores the suggestion.
// A problem with one transaction (bad input, an invalid rule reached before any match) is a
// per-transaction { id, error }; the rest of the batch goes on.

import { analyzeDescription } from "./clean-payee";
import { createCategoryResolver, STANDARD_CATEGORIES, type CategoryResolver } from "./categories";
import type { LlmClassifier, LlmLogger } from "./llm-classifier";
import { trainClassifier, type LocalClassifier, type TrainingExample } from "./local-classifier";
import { findKeywordHint } from "./merchants";
import { compileRules, matchRules, type CompiledRuleEntry, type Rule, type RuleInput, type RuleSubject } from "./rules";

export const DEFAULT_REVIEW_THRESHOLD = 0.6;
/**
 * A classifier guess below this is no suggestion: on words it never saw ("Gehalt", "Miete"
 * for a user whose history is English) it still names its likeliest category at 0.08–0.14,
 * which read as "Gehalt: Shopping?" in the review.
 */
export const MIN_CLASSIFIER_SUGGESTION = 0.2;

export type CategorySource = "rule" | "classifier" | "dictionary" | "llm" | "none";

export interface CategorizeInput {
  id: string;
  description: string;
  /** Cleaned payee, if the payee lookup already ran; cleaned here otherwise. */
  payee?: string | null;
  /** Minor units; negative is money out. */
  amountMinor: bigint;
}

export interface CategorizeSuccess {
  id: string;
  /** The category, or the suggestion when needsReview; null when nothing had an idea. */
  category: string | null;
  confidence: number;
  source: CategorySource;
  /** Below the threshold (or no category): leave uncategorized, keep `category` as the suggestion. */
  needsReview: boolean;
  /** The matching rule's id, when source is "rule". */
  ruleId?: string;
}

export interface CategorizeFailure {
  id: string;
  error: string;
}

export type CategorizeResult = CategorizeSuccess | CategorizeFailure;

export function isCategorizeFailure(result: CategorizeResult): result is CategorizeFailure {
  return "error" in result;
}

export interface CategorizerOptions {
  /** The user's rules in order (as stored: field/operator strings are validated here). */
  rules?: readonly (Rule | RuleInput)[];
  /** The user's already-categorized transactions. */
  trainingExamples?: readonly TrainingExample[];
  /** Asked last, for what is still below the threshold. */
  llm?: LlmClassifier | null;
  /** 0..1, default 0.6. */
  reviewThreshold?: number;
  /**
   * The user's category names. Results only ever name one of these (or a rule's category);
   * dictionary categories are translated ("Eating out" → "Dining"). Default: the standard set
   * plus the categories seen in rules and training examples.
   */
  categories?: readonly string[];
  logger?: LlmLogger;
}

export interface Categorizer {
  categorizeBatch(transactions: readonly CategorizeInput[]): Promise<CategorizeResult[]>;
  /** The categories results are drawn from (sent to the LLM). */
  readonly categories: readonly string[];
}

interface Candidate {
  category: string;
  confidence: number;
  source: CategorySource;
  ruleId?: string;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function inputProblem(tx: unknown): string | null {
  if (!tx || typeof tx !== "object") return "Transaction is not an object";
  const t = tx as Record<string, unknown>;
  if (typeof t.id !== "string" || !t.id) return "Transaction id is missing";
  if (typeof t.description !== "string") return "Description is missing";
  if (typeof t.amountMinor !== "bigint") return "amountMinor must be a bigint (minor units)";
  if (t.payee != null && typeof t.payee !== "string") return "payee must be a string or null";
  return null;
}

/**
 * What rules see of a transaction: its stored payee, or the one cleaned from its description
 * when the payee lookup has not run. Categorize runs and "apply to existing transactions" both
 * use it, so a rule matches the same rows in both.
 */
export function ruleSubjectFor(tx: Pick<CategorizeInput, "description" | "payee" | "amountMinor">, analysis = analyzeDescription(tx.description)): RuleSubject {
  return { description: tx.description, payee: tx.payee?.trim() || analysis.payee, amountMinor: tx.amountMinor };
}

export function createCategorizer(options: CategorizerOptions = {}): Categorizer {
  const threshold = options.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
  if (!(typeof threshold === "number" && threshold >= 0 && threshold <= 1)) {
    throw new RangeError("createCategorizer: reviewThreshold must be between 0 and 1");
  }
  const rules: CompiledRuleEntry[] = compileRules(options.rules ?? []);
  const classifier: LocalClassifier | null = options.trainingExamples?.length ? trainClassifier(options.trainingExamples) : null;
  const llm = options.llm ?? null;
  const logger = options.logger;

  const categoryList: string[] = options.categories
    ? [...new Set(options.categories.map((c) => c.trim()).filter(Boolean))]
    : [
        ...new Set([
          ...STANDARD_CATEGORIES,
          ...(classifier?.categories ?? []),
          ...rules.flatMap((r) => (r.ok ? [r.rule.category] : [])),
        ]),
      ];
  const resolver: CategoryResolver = createCategoryResolver(categoryList);

  /** Stages 1–3 for one transaction: a rule result, or the best local candidate (maybe none). */
  function local(tx: CategorizeInput): { error: string } | { best: Candidate | null; decided: boolean } {
    const analysis = analyzeDescription(tx.description);
    const payee = tx.payee?.trim() || analysis.payee;

    const ruled = matchRules(rules, ruleSubjectFor(tx, analysis));
    if (ruled.kind === "error") return { error: ruled.error };
    if (ruled.kind === "match") {
      return { best: { category: ruled.rule.category, confidence: 1, source: "rule", ruleId: ruled.rule.id }, decided: true };
    }

    let best: Candidate | null = null;
    const consider = (c: Candidate | null) => {
      if (c && (!best || c.confidence > best.confidence)) best = c;
      return best !== null && best.confidence >= threshold;
    };

    const predicted = classifier?.predict({ description: tx.description, payee, amountMinor: tx.amountMinor }) ?? null;
    const ownCategory = predicted ? resolver.canonical(predicted.category) : null;
    const guess = predicted && ownCategory && predicted.confidence >= MIN_CLASSIFIER_SUGGESTION ? ownCategory : null;
    if (predicted && guess && consider({ category: guess, confidence: predicted.confidence, source: "classifier" })) {
      return { best, decided: true };
    }

    let dictionary: Candidate | null = null;
    if (analysis.merchant) {
      const mapped = resolver.resolve(analysis.merchant.category);
      if (mapped) {
        const position = analysis.merchantStart === 0 ? 1 : 0.85;
        dictionary = { category: mapped.category, confidence: round3(analysis.merchant.confidence * position * mapped.factor), source: "dictionary" };
      }
    } else {
      const hint = findKeywordHint(analysis.tokens, tx.amountMinor);
      const mapped = hint ? resolver.resolve(hint.category) : null;
      if (hint && mapped) dictionary = { category: mapped.category, confidence: round3(hint.confidence * mapped.factor), source: "dictionary" };
    }
    const decided = consider(dictionary);
    return { best, decided };
  }

  function finish(id: string, best: Candidate | null): CategorizeSuccess {
    if (!best) return { id, category: null, confidence: 0, source: "none", needsReview: true };
    const result: CategorizeSuccess = {
      id,
      category: best.category,
      confidence: best.confidence,
      source: best.source,
      needsReview: best.confidence < threshold,
    };
    if (best.ruleId !== undefined) result.ruleId = best.ruleId;
    return result;
  }

  return {
    categories: categoryList,
    async categorizeBatch(transactions) {
      const results: CategorizeResult[] = new Array(transactions.length);
      const pending: Array<{ index: number; tx: CategorizeInput; best: Candidate | null }> = [];

      transactions.forEach((tx, index) => {
        const problem = inputProblem(tx);
        if (problem) {
          const id = tx && typeof (tx as { id?: unknown }).id === "string" ? (tx as { id: string }).id : "";
          results[index] = { id, error: problem };
          return;
        }
        try {
          const outcome = local(tx);
          if ("error" in outcome) results[index] = { id: tx.id, error: outcome.error };
          else if (outcome.decided || !llm) results[index] = finish(tx.id, outcome.best);
          else pending.push({ index, tx, best: outcome.best });
        } catch (err) {
          results[index] = { id: tx.id, error: `Could not categorize: ${(err as Error).message}` };
        }
      });

      if (pending.length && llm) {
        let answers = new Map<string, { category: string | null; confidence: number; error?: string }>();
        try {
          answers = await llm.classify(
            pending.map(({ tx }) => ({ id: tx.id, description: tx.description, payee: tx.payee?.trim() || analyzeDescription(tx.description).payee, amountMinor: tx.amountMinor })),
            categoryList,
          );
        } catch (err) {
          // classify() reports API trouble per transaction; this is for the unexpected.
          logger?.warn({ transactions: pending.length, error: (err as Error).message }, "LLM categorization failed; keeping local suggestions");
        }
        for (const { index, tx, best } of pending) {
          const answer = answers.get(tx.id);
          const category = answer?.category ? resolver.canonical(answer.category) : null;
          let chosen = best;
          if (answer && category && (!best || answer.confidence > best.confidence)) {
            chosen = { category, confidence: answer.confidence, source: "llm" };
          }
          results[index] = finish(tx.id, chosen);
        }
      }
      return results;
    },
  };
}
