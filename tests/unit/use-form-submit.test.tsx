// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RuleForm } from "../../components/rules/rule-form";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }) }));

// The add/edit forms share one submit path (components/form/use-form-submit.ts): the form's
// own checks stop a submit and focus the first field in error; an API refusal lands under the
// same fields; a create that went through clears for the next entry. Checked through the rule
// form, whose preview is left out (it needs a complete rule).

afterEach(() => cleanup());

describe("an add form's submit", () => {
  it("stops on its own checks, names the field and focuses it, without sending", async () => {
    const onSubmit = vi.fn();
    render(<RuleForm mode="create" categories={[]} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
    const value = screen.getByLabelText("Text");
    await waitFor(() => expect(value.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(value.getAttribute("aria-describedby")!.split(" ")[0])?.textContent).toBe("Enter the text to match.");
    expect(document.activeElement).toBe(value);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the API's refusal under its field and the rest as the form's error", async () => {
    const onSubmit = vi.fn(async () => ({ ok: false as const, fields: { category: ["Pick another category."], other: ["Not now."] } }));
    render(<RuleForm mode="create" categories={[]} onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText("Text"), { target: { value: "uber" } });
    fireEvent.change(screen.getByLabelText("Set category"), { target: { value: "Transport" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Apply to existing transactions" }));
    fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
    const category = screen.getByLabelText("Set category");
    await waitFor(() => expect(category.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByRole("alert").textContent).toBe("Not now.");
    expect(document.activeElement).toBe(category);
    expect(onSubmit).toHaveBeenCalledWith({ field: "description", operator: "contains", value: "uber", valueTo: null, category: "Transport" }, { apply: false });
  });

  it("clears the value and category after a create went through, keeping field and operator", async () => {
    const onSubmit = vi.fn(async () => ({ ok: true as const }));
    render(<RuleForm mode="create" categories={[]} onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText("Text"), { target: { value: "uber" } });
    fireEvent.change(screen.getByLabelText("Set category"), { target: { value: "Transport" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Apply to existing transactions" }));
    fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
    await waitFor(() => expect((screen.getByLabelText("Text") as HTMLInputElement).value).toBe(""));
    expect((screen.getByLabelText("Set category") as HTMLInputElement).value).toBe("");
    expect(document.activeElement).toBe(screen.getByLabelText("Text"));
  });
});
