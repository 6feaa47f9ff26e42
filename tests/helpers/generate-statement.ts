// Test and benchmark support: a synthetic bank export of any length, produced chunk by chunk
// so that no test holds the whole file in memory.

const MERCHANTS = ["TESCO STORES 3297", "STARBUCKS STORE 05512", "AMAZON MKTPLACE PMTS", "SHELL OIL 57444", "PAYROLL ACME CORP"];

export const GENERATED_HEADER = "Date,Description,Amount,Balance\n";

/** `rows` data rows of "MM/DD/YYYY,description,amount,balance", in ~64 KB chunks. */
export async function* generateStatement(rows: number): AsyncGenerator<Buffer> {
  let text = GENERATED_HEADER;
  let balance = 1_000_000n;
  for (let i = 0; i < rows; i++) {
    const amount = BigInt(((i * 7919) % 20000) - 15000);
    balance += amount;
    const day = (i % 28) + 1;
    const month = Math.floor(i / 28) % 12 + 1;
    const quote = i % 10 === 0 ? '"' : "";
    const date = `${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}/2024`;
    const description = `${quote}${MERCHANTS[i % MERCHANTS.length]} REF ${i}${quote}`;
    text += `${date},${description},${minor(amount)},${minor(balance)}\n`;
    if (text.length >= 64 * 1024) {
      yield Buffer.from(text);
      text = "";
    }
  }
  if (text !== "") yield Buffer.from(text);
}

function minor(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}
