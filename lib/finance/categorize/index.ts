// Transaction categorization: payee cleaning, user rules, a per-user classifier, a built-in
// merchant dictionary and an optional LLM, combined by createCategorizer.

export { cleanPayee, analyzeDescription, titleCase, type PayeeResult, type DescriptionAnalysis } from "./clean-payee";
export { STANDARD_CATEGORIES, categoriesForSuggestions, createCategoryResolver, type StandardCategory, type CategoryResolver } from "./categories";
export { MERCHANTS, KEYWORD_HINTS, findMerchant, findKeywordHint, type Merchant, type KeywordHint } from "./merchants";
export {
  RULE_FIELDS,
  RULE_OPERATORS,
  TEXT_OPERATORS,
  AMOUNT_OPERATORS,
  ruleSchema,
  rulesSchema,
  validateRule,
  compileRule,
  compileRules,
  matchRules,
  regexProblem,
  requiredWords,
  firstMatchIs,
  type CompiledRuleEntry,
  type RuleSubject,
  type Rule,
  type RuleInput,
  type RuleField,
  type RuleOperator,
  type RuleMatch,
} from "./rules";
export { trainClassifier, type TrainingExample, type ClassifierInput, type Prediction, type LocalClassifier, type TrainOptions } from "./local-classifier";
export {
  createLlmClassifier,
  parseLlmAnswer,
  DEFAULT_LLM_MODEL,
  DEFAULT_LLM_BATCH_SIZE,
  type LlmClassifier,
  type LlmClassifierConfig,
  type LlmTransaction,
  type LlmSuggestion,
  type LlmLogger,
  type LlmUsage,
} from "./llm-classifier";
export {
  createCategorizer,
  ruleSubjectFor,
  isCategorizeFailure,
  DEFAULT_REVIEW_THRESHOLD,
  type Categorizer,
  type CategorizerOptions,
  type CategorizeInput,
  type CategorizeResult,
  type CategorizeSuccess,
  type CategorizeFailure,
  type CategorySource,
} from "./classify-transaction";
