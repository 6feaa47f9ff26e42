// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UploadCard } from "../../components/imports/upload-card";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));

// The upload card asks the server what an upload of the chosen file will do (issue 10): the
// button must not promise a preview that a saved layout will skip, and "No account" says where
// the rows go.

function serve(check: { skipsPreview: boolean; noAccountTarget: { id: string; name: string } | null; statement?: boolean }) {
  const fetchMock = vi.fn(async (url: string) => {
    const body = url.endsWith("/api/accounts") ? { accounts: [] } : check;
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

function chooseFile() {
  const file = new File(["Date,Description,Amount\n2026-12-01,Coffee,-4.50\n"], "statement.csv", { type: "text/csv" });
  fireEvent.change(screen.getByLabelText("CSV file or bank statement"), { target: { files: [file] } });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("UploadCard", () => {
  it("says the import starts without a preview when a saved layout matches the file", async () => {
    const fetchMock = serve({ skipsPreview: true, noAccountTarget: { id: "a1", name: "Checking" } });
    render(<UploadCard />);
    expect(screen.getByTestId("upload-submit").textContent).toBe("Upload and preview");
    chooseFile();
    await waitFor(() => expect(screen.getByTestId("upload-submit").textContent).toBe("Upload and import (no preview)"));
    expect(screen.getByTestId("skips-preview-note").textContent).toMatch(/import starts at once/);
    expect(screen.getByTestId("no-account-note").textContent).toMatch(/^Goes to Checking/);
    expect(fetchMock).toHaveBeenCalledWith("/api/imports/check", expect.objectContaining({ method: "POST" }));
  });

  it("keeps the preview promise when no layout matches, and says where No account goes", async () => {
    serve({ skipsPreview: false, noAccountTarget: null });
    render(<UploadCard />);
    // Before a file is chosen the note states the rule, not what happened to a file not yet known.
    expect(screen.getByTestId("no-account-note").textContent).toMatch(/^Goes where your last file with the same columns went \(to your Cash account if none did\)/);
    chooseFile();
    await waitFor(() => expect(screen.getByTestId("no-account-note").textContent).toMatch(/^Goes to your Cash account, the default one \(no earlier file had these columns\)/));
    expect(screen.getByTestId("upload-submit").textContent).toBe("Upload and preview");
    expect(screen.queryByTestId("skips-preview-note")).toBeNull();
  });
});
