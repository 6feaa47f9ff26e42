// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RegisterForm } from "../../components/auth/register-form";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }) }));
vi.mock("next-auth/react", () => ({ signIn: vi.fn() }));

// The register form's refusals go through the forms' one split (splitSubmitErrors): field
// messages under their fields, the rest as the form's error. A 422 whose `fields` named none of
// the form's fields used to show nothing at all.

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })),
  );
}

function submit() {
  fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Ada" } });
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.com" } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "correct horse" } });
  fireEvent.click(screen.getByRole("button", { name: "Create account" }));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("RegisterForm", () => {
  it("shows the API's message when a 422 names no field of the form", async () => {
    answer(422, { error: "validation_failed", message: "The request was not valid.", fields: {} });
    render(<RegisterForm />);
    submit();
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("The request was not valid."));
  });

  it("puts a 422's field messages under their fields and the others in the form's error", async () => {
    answer(422, { message: "Invalid", fields: { password: ["Use at most 72 bytes."], captcha: ["Solve the puzzle."] } });
    render(<RegisterForm />);
    submit();
    await waitFor(() => expect(document.getElementById("field-password-error")?.textContent).toBe("Use at most 72 bytes."));
    expect(screen.getByRole("alert").textContent).toBe("Solve the puzzle.");
    expect(screen.getByLabelText("Password").getAttribute("aria-invalid")).toBe("true");
  });
});
