"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { FieldErrors } from "@/components/transactions/transaction-api";
import { byPosition, postRule, removeRule, fetchRules, postRuleOrder, patchRule, postRuleApply, type Rule, type RuleInput } from "./rule-api";
import { RuleApplyPanel, type ApplyRun } from "./rule-apply-panel";
import { RuleForm, type RuleSubmitOutcome } from "./rule-form";
import { RuleItem, type MoveDirection } from "./rule-item";
import { EmptyList, ListStatus } from "@/components/load-more";
import { TablePanel } from "@/components/table-panel";
import { PageHeader } from "@/components/page-header";

// The rules page: an ordered list of "if … then category" rules with move up / down, inline
// edit and delete, and a form to add one. Moves show at once and are saved in order (one
// reorder request at a time, always the latest order); a failed save reloads the list.

export function RulesView({ initialCategories, prefill }: { initialCategories: string[]; prefill?: Partial<RuleInput> }) {
  const router = useRouter();
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const [orderError, setOrderError] = useState<string | null>(null);
  const [applyRun, setApplyRun] = useState<ApplyRun | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string; direction: MoveDirection } | null>(null);
  const saving = useRef(false);
  const pendingOrder = useRef<string[] | null>(null);

  const load = useCallback(() => {
    // State is set in the callback only (this also runs from an effect).
    return fetchRules().then((res) => {
      if (!res.ok) {
        if (res.status === 401) router.replace("/login");
        setLoadError(res.status === 404 ? "Rules aren’t available on this server yet." : res.message);
        return;
      }
      setRules([...res.data.rules].sort(byPosition));
      setLoadError(null);
    });
  }, [router]);

  useEffect(() => {
    void load();
  }, [load]);

  const categories = useMemo(() => {
    const set = new Set(initialCategories);
    for (const r of rules ?? []) set.add(r.category);
    return [...set].sort((a, b) => a.localeCompare(b));
  }, [initialCategories, rules]);

  const clearFocusRequest = useCallback(() => setFocusRequest(null), []);

  function failure(res: { status: number; message: string; fields?: FieldErrors }): RuleSubmitOutcome {
    if (res.status === 401) router.replace("/login");
    return { ok: false, fields: res.fields, message: res.message };
  }

  /** Starts the rule-apply job; its progress and Undo show above the list. */
  async function applyRule(rule: Rule): Promise<void> {
    setApplyError(null);
    const res = await postRuleApply(rule.id);
    if (!res.ok) {
      if (res.status === 401) router.replace("/login");
      setApplyError(`The rule was not applied to your transactions: ${res.message}`);
      return;
    }
    setApplyRun({ application: res.data.application, jobId: res.data.jobId });
  }

  async function add(input: RuleInput, { apply }: { apply: boolean }): Promise<RuleSubmitOutcome> {
    const body: RuleInput = { field: input.field, operator: input.operator, value: input.value, category: input.category };
    if (input.operator === "between") body.valueTo = input.valueTo;
    const res = await postRule(body);
    if (!res.ok) return failure(res);
    const rule = res.data.rule;
    setRules((prev) => [...(prev ?? []).filter((r) => r.id !== rule.id), rule].sort(byPosition));
    setNotice(`Rule added at position ${(rules?.length ?? 0) + 1}.`);
    if (apply) await applyRule(rule);
    return { ok: true };
  }

  async function save(original: Rule, input: RuleInput, { apply }: { apply: boolean }): Promise<RuleSubmitOutcome> {
    const patch: Partial<RuleInput> = {};
    if (input.field !== original.field) patch.field = input.field;
    if (input.operator !== original.operator) patch.operator = input.operator;
    if (input.value !== original.value) patch.value = input.value;
    const valueTo = input.operator === "between" ? (input.valueTo ?? null) : null;
    if (valueTo !== original.valueTo) patch.valueTo = valueTo;
    if (input.category !== original.category) patch.category = input.category;
    if (Object.keys(patch).length === 0) {
      if (apply) await applyRule(original);
      return { ok: true };
    }

    const res = await patchRule(original.id, patch);
    if (!res.ok) {
      if (res.status === 404) {
        setRules((prev) => (prev ?? []).filter((r) => r.id !== original.id));
        setNotice("That rule no longer exists; it was removed from the list.");
        return { ok: true };
      }
      return failure(res);
    }
    const rule = res.data.rule;
    setRules((prev) => (prev ?? []).map((r) => (r.id === rule.id ? rule : r)));
    setNotice("Rule saved.");
    if (apply) await applyRule(rule);
    return { ok: true };
  }

  async function remove(rule: Rule): Promise<{ ok: true } | { ok: false; message: string }> {
    const res = await removeRule(rule.id);
    if (!res.ok && res.status !== 404) {
      if (res.status === 401) router.replace("/login");
      return { ok: false, message: res.message };
    }
    setRules((prev) => (prev ?? []).filter((r) => r.id !== rule.id));
    setNotice("Rule deleted.");
    return { ok: true };
  }

  /** Saves the latest order; moves made while a save is on its way are sent after it. */
  async function persistOrder(ids: string[]) {
    pendingOrder.current = ids;
    if (saving.current) return;
    saving.current = true;
    while (pendingOrder.current) {
      const send = pendingOrder.current;
      pendingOrder.current = null;
      const res = await postRuleOrder(send);
      if (!res.ok) {
        pendingOrder.current = null;
        if (res.status === 401) router.replace("/login");
        setOrderError(`The new order wasn’t saved: ${res.message}`);
        await load();
        break;
      }
      // A newer local order is on its way: keep showing that one.
      if (!pendingOrder.current) setRules([...res.data.rules].sort(byPosition));
    }
    saving.current = false;
  }

  function move(rule: Rule, direction: MoveDirection) {
    if (!rules) return;
    const from = rules.findIndex((r) => r.id === rule.id);
    const to = direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= rules.length) return;
    const next = [...rules];
    [next[from], next[to]] = [next[to], next[from]];
    setRules(next.map((r, i) => ({ ...r, position: i + 1 })));
    setOrderError(null);
    setFocusRequest({ id: rule.id, direction });
    setNotice(`Rule moved to position ${to + 1} of ${rules.length}.`);
    void persistOrder(next.map((r) => r.id));
  }

  return (
    <div className="space-y-6">
      <PageHeader title="Rules" description="Rules apply first, before automatic categorization, in order from the top: the first rule that matches a transaction sets its category." descriptionTestId="rules-explainer" />

      <p className="sr-only" role="status" aria-live="polite">
        {notice}
      </p>

      <section aria-labelledby="add-rule-heading" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="add-rule-heading" className="mb-3 text-base font-semibold text-slate-900">
          {prefill ? "Create a rule from this transaction" : "Add a rule"}
        </h2>
        <RuleForm mode="create" initial={prefill} categories={categories} onSubmit={add} />
      </section>

      {applyError ? (
        <p role="alert" className="rounded-xl border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          {applyError}
        </p>
      ) : null}
      {applyRun ? <RuleApplyPanel key={applyRun.jobId} run={applyRun} onDismiss={() => setApplyRun(null)} /> : null}

      <TablePanel
        headingId="rules-heading"
        title="Your rules"
        aside={
          rules && rules.length > 0 ? (
            <p className="text-sm text-slate-600 tabular-nums" data-testid="rules-count">
              {rules.length} rule{rules.length === 1 ? "" : "s"}, first match wins
            </p>
          ) : null
        }
      >

        {orderError ? (
          <p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
            {orderError}
          </p>
        ) : null}

        {rules === null ? (
          <ListStatus
            state={loadError ? "error" : "loading"}
            what="rules"
            reason={loadError}
            onRetry={() => {
              setLoadError(null);
              void load();
            }}
          />
        ) : rules.length === 0 ? (
          <EmptyList testId="rules-empty" title="No rules yet">
            Add one above, e.g. description contains “uber” → Transport. Then run{" "}
            <Link href="/dashboard/transactions" className="font-medium text-indigo-700 underline underline-offset-2">
              Categorize
            </Link>{" "}
            on your transactions.
          </EmptyList>
        ) : (
          <ol className="divide-y divide-slate-100" data-testid="rules-list" aria-label="Rules, in the order they are tried">
            {rules.map((rule, index) => (
              <RuleItem
                key={rule.id}
                rule={rule}
                index={index}
                count={rules.length}
                categories={categories}
                focusRequest={focusRequest?.id === rule.id ? focusRequest.direction : null}
                onFocusHandled={clearFocusRequest}
                onMove={move}
                onSave={save}
                onApply={applyRule}
                onDelete={remove}
              />
            ))}
          </ol>
        )}
      </TablePanel>
    </div>
  );
}
