import { describe, expect, it } from "vitest";
import { niceTicks } from "../../components/forecast/forecast-chart";

describe("niceTicks (the forecast chart's axis)", () => {
  it("steps by round amounts and reaches the maximum", () => {
    expect(niceTicks(18_709)).toEqual([0, 5000, 10_000, 15_000, 20_000]);
    expect(niceTicks(9_355)).toEqual([0, 2500, 5000, 7500, 10_000]);
    expect(niceTicks(380)).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(4000)).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it("draws an axis for an empty forecast", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
  });
});
