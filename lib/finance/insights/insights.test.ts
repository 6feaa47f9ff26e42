import { describe, expect, it } from "vitest";
import { dayOf, dayToIso, weekStart } from "./calendar";
import { detectCategoryCreep } from "./category-creep";
import { generateInsightDrafts } from "./index";
import { detectRecurringPayments, findRecurringPattern } from "./recurring-payments";
import { detectSpendingSpikes, MONTHLY_SPIKE, WEEKLY_SPIKE } from "./spending-spike";
import type { InsightTransaction, RuleContext } from "./insight-types";

const ctx = (asOf: string, firstData = "2026-01-01"): RuleContext => ({ asOf: dayOf(asOf), firstDataDay: dayOf(firstData), currency: "USD" });

const tx = (date: string, amount: number, category = "Dining", description = "SOME PLACE"): InsightTransaction => ({
  date,
  amountMinor: BigInt(Math.round(amount * 100)),
  categoryId: `cat-${category}`,
  category,
  payee: null,
  description,
});

/** One transaction per week on the week's Wednesday, for the 8 weeks before asOf's week. */
function weeklyHistory(asOf: string, amounts: number[], category = "Dining") {
  const start = weekStart(dayOf(asOf));
  return amounts.map((a, k) => tx(dayToIso(start - 7 * (amounts.length - k) + 2), -a, category));
}

describe("spending spikes", () => {
  const asOf = "2026-11-20"; // a Friday
  const noisyWeeks = [95, 110, 102, 88, 120, 97, 105, 99];

  it("fire when this week is far above the category's own trailing weeks", () => {
    const txs = [...weeklyHistory(asOf, noisyWeeks), tx("2026-11-17", -260), tx("2026-11-19", -180)];
    const [spike, ...rest] = detectSpendingSpikes(txs, ctx(asOf), WEEKLY_SPIKE);
    expect(rest).toHaveLength(0);
    expect(spike).toMatchObject({
      type: "spending_spike",
      severity: "critical",
      title: "Dining spending is up this week",
      dedupeKey: "spending_spike:cat-Dining:2026-W47",
    });
    expect(spike.data).toMatchObject({ amount: "440.00", trailingMean: "102.00", historyPeriods: 8, period: "week" });
    expect(spike.body).toBe(
      "You spent $440.00 on Dining this week (Nov 16, 2026 to Nov 20, 2026), against a usual $102.00 a week over the last 8 weeks — about 4.3× as much.",
    );
    expect(spike.expiresAt.toISOString().slice(0, 10)).toBe("2026-11-30");
  });

  it("do not fire on an ordinary noisy week", () => {
    const txs = [...weeklyHistory(asOf, noisyWeeks), tx("2026-11-18", -125)];
    expect(detectSpendingSpikes(txs, ctx(asOf), WEEKLY_SPIKE)).toEqual([]);
  });

  it("do not fire on small amounts, however unusual", () => {
    const txs = [...weeklyHistory(asOf, [5, 4, 6, 5, 5, 4, 6, 5], "Coffee"), tx("2026-11-18", -40, "Coffee")];
    expect(detectSpendingSpikes(txs, ctx(asOf), WEEKLY_SPIKE)).toEqual([]);
  });

  it("need enough history before the current week", () => {
    const txs = [...weeklyHistory(asOf, noisyWeeks), tx("2026-11-17", -900)];
    expect(detectSpendingSpikes(txs, ctx(asOf, "2026-10-25"), WEEKLY_SPIKE)).toEqual([]);
  });

  it("fire for a month far above the trailing months", () => {
    const months = ["2026-05-10", "2026-06-10", "2026-07-10", "2026-08-10", "2026-09-10", "2026-10-10"];
    const txs = [...months.map((d, i) => tx(d, -(400 + i * 10), "Shopping")), tx("2026-11-03", -1299, "Shopping")];
    const [spike] = detectSpendingSpikes(txs, ctx(asOf), MONTHLY_SPIKE);
    expect(spike).toMatchObject({ dedupeKey: "spending_spike:cat-Shopping:2026-11" });
    expect(spike.data).toMatchObject({ period: "month", amount: "1299.00", trailingMean: "425.00" });
  });
});

describe("category creep", () => {
  const asOf = "2026-11-20";
  it("fires on three rises in a row (four complete months)", () => {
    const txs = [tx("2026-07-05", -100, "Transport"), tx("2026-08-05", -150, "Transport"), tx("2026-09-05", -210, "Transport"), tx("2026-10-05", -260, "Transport"), tx("2026-11-02", -10, "Transport")];
    const [creep, ...rest] = detectCategoryCreep(txs, ctx(asOf));
    expect(rest).toHaveLength(0);
    expect(creep).toMatchObject({ type: "category_creep", severity: "warning", dedupeKey: "category_creep:cat-Transport:2026-10" });
    expect(creep.data).toMatchObject({ rise: "160.00", risePercent: 160 });
    expect(creep.body).toBe("Transport: $100.00 in Jul, $150.00 in Aug, $210.00 in Sep, $260.00 in Oct. That is $160.00 more a month than in Jul (+160%).");
  });

  it("does not fire on two rises", () => {
    const txs = [tx("2026-07-05", -180, "Transport"), tx("2026-08-05", -150, "Transport"), tx("2026-09-05", -210, "Transport"), tx("2026-10-05", -260, "Transport")];
    expect(detectCategoryCreep(txs, ctx(asOf))).toEqual([]);
  });

  it("does not fire on rises of a few dollars", () => {
    const txs = [tx("2026-07-05", -300, "Groceries"), tx("2026-08-05", -302, "Groceries"), tx("2026-09-05", -305, "Groceries"), tx("2026-10-05", -309, "Groceries")];
    expect(detectCategoryCreep(txs, ctx(asOf))).toEqual([]);
  });

  it("needs the four months covered by the user's data", () => {
    const txs = [tx("2026-07-20", -100, "Transport"), tx("2026-08-05", -150, "Transport"), tx("2026-09-05", -210, "Transport"), tx("2026-10-05", -260, "Transport")];
    expect(detectCategoryCreep(txs, ctx(asOf, "2026-07-20"))).toEqual([]);
  });
});

describe("recurring payments", () => {
  const asOf = "2026-11-20";
  // The 5th of each month, a day or two early or late.
  const netflixDays = ["2026-05-05", "2026-06-07", "2026-07-04", "2026-08-05", "2026-09-06", "2026-10-03", "2026-11-05"];

  it("finds a monthly payment with jitter and predicts the next date on its usual day", () => {
    const txs = netflixDays.map((d) => tx(d, -15.49, "Subscriptions", "NETFLIX.COM 866-579-7172 CA"));
    const [found, ...rest] = detectRecurringPayments(txs, ctx(asOf));
    expect(rest).toHaveLength(0);
    expect(found).toMatchObject({ type: "recurring_payment", severity: "info", dedupeKey: "recurring_payment:netflix", title: "Netflix: about $15.49 every month" });
    expect(found.data).toMatchObject({ cadence: "monthly", occurrences: 7, typicalAmount: "15.49", lastDate: "2026-11-05", nextExpectedDate: "2026-12-05" });
    expect(found.body).toBe("Paid 7 times since May 5, 2026, every month. Next expected on Dec 5, 2026, about $15.49.");
  });

  it("predicts from the usual day even when the last payment came late", () => {
    const pattern = findRecurringPattern(["2026-08-30", "2026-09-30", "2026-10-30", "2026-12-02"].map((d) => ({ day: dayOf(d), amount: 50_00n })));
    expect(pattern?.cadence.cadence).toBe("monthly");
    expect(dayToIso(pattern!.nextExpected)).toBe("2026-12-30");
  });

  it("does not call irregular payments recurring", () => {
    const days = ["2026-05-02", "2026-05-19", "2026-06-30", "2026-07-04", "2026-08-21", "2026-09-02", "2026-10-15", "2026-11-12"];
    const txs = days.map((d) => tx(d, -20, "Shopping", "TARGET 00027861 EMERYVILLE CA"));
    expect(detectRecurringPayments(txs, ctx(asOf))).toEqual([]);
  });

  it("does not call regular dates with very different amounts recurring", () => {
    const txs = netflixDays.map((d, i) => tx(d, -[12, 80, 33, 150, 9, 61, 240][i], "Shopping", "AMZN Mktp US*AB12CD"));
    expect(detectRecurringPayments(txs, ctx(asOf))).toEqual([]);
  });

  it("sets aside a one-off purchase at the same merchant", () => {
    const txs = [...netflixDays.map((d) => tx(d, -2.99, "Subscriptions", "APPLE.COM/BILL 866-712-7753 CA")), tx("2026-08-14", -1099, "Shopping", "APPLE.COM/BILL ONE-OFF")];
    const [found] = detectRecurringPayments(txs, ctx(asOf));
    expect(found.data).toMatchObject({ cadence: "monthly", typicalAmount: "2.99" });
  });

  it("finds a salary paid twice a month as income", () => {
    const days = ["2026-07-01", "2026-07-15", "2026-07-31", "2026-08-14", "2026-09-01", "2026-09-15", "2026-10-01", "2026-10-15", "2026-10-30", "2026-11-13"];
    const txs = days.map((d) => tx(d, 2684.17, "Income", "ACME CORP PAYROLL PPD ID: 4412087703"));
    const [found] = detectRecurringPayments(txs, ctx(asOf));
    expect(found).toMatchObject({ dedupeKey: "recurring_payment:acme corp:income", title: "Acme Corp pays you about $2,684.17 twice a month" });
    expect(found.data).toMatchObject({ cadence: "semimonthly", direction: "in" });
  });

  it("drops a subscription that stopped", () => {
    const txs = netflixDays.slice(0, 4).map((d) => tx(d, -15.49, "Subscriptions", "NETFLIX.COM"));
    expect(detectRecurringPayments(txs, ctx(asOf))).toEqual([]);
  });

  it("finds weekly payments", () => {
    const txs = Array.from({ length: 6 }, (_, k) => tx(dayToIso(dayOf("2026-10-09") + 7 * k), -40, "Fitness", "CITY SWIM CLUB"));
    const [found] = detectRecurringPayments(txs, ctx(asOf));
    // The one due on asOf did not come: the next expected is a week later.
    expect(found.data).toMatchObject({ cadence: "weekly", lastDate: "2026-11-13", nextExpectedDate: "2026-11-27" });
  });

  it("expects the next payment after today even when the latest one had an unusual amount", () => {
    // A utility bill on the 12th: summer amounts, then a much larger winter one in November.
    const amounts = [80, 84, 79, 86, 82, 160];
    const txs = ["2026-06-12", "2026-07-12", "2026-08-12", "2026-09-12", "2026-10-12", "2026-11-12"].map((d, i) =>
      tx(d, -amounts[i], "Utilities", "PG&E WEB ONLINE PAYMENT 800-743-5000"),
    );
    const [found] = detectRecurringPayments(txs, ctx(asOf));
    expect(found.data).toMatchObject({ cadence: "monthly", lastDate: "2026-10-12", nextExpectedDate: "2026-12-12", typicalAmount: "82.00" });
  });
});

describe("generateInsightDrafts", () => {
  it("puts the most severe first and gives the same keys on a rerun", () => {
    const asOf = "2026-11-20";
    const txs = [
      ...["2026-07-05", "2026-08-05", "2026-09-05", "2026-10-05", "2026-11-05"].map((d) => tx(d, -15.49, "Subscriptions", "NETFLIX.COM")),
      ...weeklyHistory(asOf, [95, 110, 102, 88, 120, 97, 105, 99]),
      tx("2026-11-18", -700),
    ];
    const first = generateInsightDrafts(txs, ctx(asOf));
    expect(first[0].severity).toBe("critical");
    expect(first.map((d) => d.type)).toContain("recurring_payment");
    expect(generateInsightDrafts(txs, ctx(asOf)).map((d) => d.dedupeKey)).toEqual(first.map((d) => d.dedupeKey));
  });
});
