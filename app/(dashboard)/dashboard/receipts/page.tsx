import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { ReceiptsView } from "@/components/receipts/receipts-view";
import { authOptions } from "@/lib/auth/options";
import { log } from "@/lib/log";
import { listReceipts, type ReceiptView } from "@/lib/receipts/receipt-view";

export const metadata: Metadata = { title: "Receipts" };

export default async function ReceiptsPage() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/login");
  // The list comes with the HTML when we can; the client loads it itself otherwise.
  let initial: ReceiptView[] | null = null;
  try {
    initial = (await listReceipts(session.user.id)).receipts;
  } catch (err) {
    log.warn({ err }, "receipts: not available at render time");
  }
  return <ReceiptsView initial={initial} />;
}
