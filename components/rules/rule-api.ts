import { requestJson } from "@/components/transactions/transaction-api";

// Categorization rules: browser-side calls and the rule vocabulary (which operators each
// field takes, and how to say them).

export type RuleField = "description" | "payee" | "amount";
export type RuleOperator = "contains" | "equals" | "starts_with" | "ends_with" | "regex" | "gt" | "lt" | "between";

export interface Rule {
  id: string;
  position: number;
  field: RuleField;
  operator: RuleOperator;
  /** Text to match, or a signed decimal amount ("-12.34"). */
  value: string;
  /** The upper end of "between". */
  valueTo: string | null;
  category: string;
}

export interface RuleInput {
  field: RuleField;
  operator: RuleOperator;
  value: string;
  valueTo?: string | null;
  category: string;
}

export const RULE_FIELD_OPTIONS: { value: RuleField; label: string }[] = [
  { value: "description", label: "Description" },
  { value: "payee", label: "Payee" },
  { value: "amount", label: "Amount" },
];

const TEXT_OPERATORS: RuleOperator[] = ["contains", "equals", "starts_with", "ends_with", "regex"];
const AMOUNT_OPERATORS: RuleOperator[] = ["gt", "lt", "between", "equals"];

export function operatorsFor(field: RuleField): RuleOperator[] {
  return field === "amount" ? AMOUNT_OPERATORS : TEXT_OPERATORS;
}

export function operatorLabel(operator: RuleOperator): string {
  switch (operator) {
    case "contains":
      return "contains";
    case "equals":
      return "is exactly";
    case "starts_with":
      return "starts with";
    case "ends_with":
      return "ends with";
    case "regex":
      return "matches regex";
    case "gt":
      return "is more than";
    case "lt":
      return "is less than";
    case "between":
      return "is between";
  }
}

export function fieldLabel(field: RuleField): string {
  return RULE_FIELD_OPTIONS.find((f) => f.value === field)?.label ?? field;
}

export function fetchRules() {
  return requestJson<{ rules: Rule[] }>("GET", "/api/rules");
}

export function postRule(input: RuleInput) {
  return requestJson<{ rule: Rule }>("POST", "/api/rules", input);
}

export function patchRule(id: string, patch: Partial<RuleInput>) {
  return requestJson<{ rule: Rule }>("PATCH", `/api/rules/${encodeURIComponent(id)}`, patch);
}

export function removeRule(id: string) {
  return requestJson<null>("DELETE", `/api/rules/${encodeURIComponent(id)}`);
}

export function postRuleOrder(ids: string[]) {
  return requestJson<{ rules: Rule[] }>("POST", "/api/rules/reorder", { ids });
}

export function byPosition(a: Rule, b: Rule): number {
  return a.position - b.position;
}

/** What a draft rule would change (POST /api/rules/preview): the server's own shape. */
import type { RulePreview } from "@/lib/rules/apply-rule";
export type { RulePreview, RulePreviewRow } from "@/lib/rules/apply-rule";

export interface RuleApplication {
  id: string;
  ruleId: string | null;
  ruleText: string;
  status: "applying" | "applied" | "undoing" | "undone" | "failed";
  changed: number;
  restored: number;
  jobId: string | null;
}

export function fetchRulePreview(rule: RuleInput, ruleId?: string) {
  return requestJson<{ preview: RulePreview }>("POST", "/api/rules/preview", { rule, ...(ruleId ? { ruleId } : {}) });
}

export function postRuleApply(id: string) {
  return requestJson<{ application: RuleApplication; jobId: string }>("POST", `/api/rules/${encodeURIComponent(id)}/apply`);
}

export function postApplicationUndo(applicationId: string) {
  return requestJson<{ application: RuleApplication; jobId: string }>("POST", `/api/rules/applications/${encodeURIComponent(applicationId)}/undo`);
}
