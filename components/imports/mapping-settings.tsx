"use client";

import { useId, useState } from "react";
import { DATE_FORMATS } from "@/lib/finance/csv/resolve-formats";
import type { CsvDelimiter, CsvEncoding, DecimalSeparator, ImportMapping, ThousandsSeparator } from "@/lib/finance/csv/csv-types";

// The file's reading settings: encoding, delimiter, header and first data row, date format,
// number format, sign convention, direction values and dedupe. Every change goes straight to
// the parent (which re-previews after a pause); rows are shown 1-based, stored 0-based.

const ENCODINGS: { value: CsvEncoding; label: string }[] = [
  { value: "utf-8", label: "UTF-8" },
  { value: "utf-8-bom", label: "UTF-8 with BOM (Excel)" },
  { value: "windows-1252", label: "Windows-1252 / Latin-1" },
  { value: "utf-16le", label: "UTF-16 LE" },
  { value: "utf-16be", label: "UTF-16 BE" },
];

const DELIMITERS: { value: CsvDelimiter; label: string }[] = [
  { value: ",", label: "Comma ( , )" },
  { value: ";", label: "Semicolon ( ; )" },
  { value: "\t", label: "Tab" },
  { value: "|", label: "Pipe ( | )" },
];

const DECIMALS: { value: DecimalSeparator; label: string }[] = [
  { value: ".", label: "Point: 1234.56" },
  { value: ",", label: "Comma: 1234,56" },
];

const THOUSANDS: { value: ThousandsSeparator; label: string }[] = [
  { value: "", label: "None" },
  { value: ",", label: "Comma: 1,234" },
  { value: ".", label: "Point: 1.234" },
  { value: " ", label: "Space: 1 234" },
  { value: "'", label: "Apostrophe: 1'234" },
];

const control =
  "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 sm:text-sm";

function splitValues(text: string): string[] {
  return text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A labelled <select> over one setting's options. */
function SettingSelect<V extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V)} className={control}>
        {options.map((o) => (
          <option key={o.label} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A 1-based row number input that only reports whole numbers ≥ 1; the text may be mid-edit. */
function RowNumber({ id, value, onChange, disabled }: { id: string; value: number; onChange: (n: number) => void; disabled?: boolean }) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  // A new value from outside (e.g. the header moved the first data row) replaces the text.
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  return (
    <input
      id={id}
      type="number"
      inputMode="numeric"
      min={1}
      step={1}
      value={text}
      disabled={disabled}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (Number.isInteger(n) && n >= 1 && n !== value) {
          setShown(n);
          onChange(n);
        }
      }}
      className={`${control} tabular-nums disabled:bg-slate-100 disabled:text-slate-400`}
    />
  );
}

function DirectionValuesInput({ id, values, onChange }: { id: string; values: string[]; onChange: (v: string[]) => void }) {
  const key = values.join(",");
  const [text, setText] = useState(values.join(", "));
  const [shown, setShown] = useState(key);
  // New values from outside replace the text; a trailing comma mid-typing means the same values.
  if (shown !== key) {
    setShown(key);
    if (splitValues(text).join(",") !== key) setText(values.join(", "));
  }
  return (
    <input
      id={id}
      type="text"
      value={text}
      autoComplete="off"
      onChange={(e) => {
        setText(e.target.value);
        const next = splitValues(e.target.value);
        setShown(next.join(","));
        onChange(next);
      }}
      className={control}
    />
  );
}

export function MappingSettings({
  mapping,
  dedupe,
  onChange,
  onDedupeChange,
}: {
  mapping: ImportMapping;
  dedupe: boolean;
  onChange: (next: ImportMapping) => void;
  onDedupeChange: (dedupe: boolean) => void;
}) {
  const uid = useId();
  const id = (name: string) => `${uid}-${name}`;
  const set = <K extends keyof ImportMapping>(key: K, value: ImportMapping[K]) => onChange({ ...mapping, [key]: value });
  const hasHeader = mapping.headerRow !== null;

  function setHeaderRow(headerRow: number | null) {
    // The first data row follows the header unless the user moved it further down.
    const skipRows = headerRow === null ? mapping.skipRows : Math.max(mapping.skipRows, headerRow + 1);
    onChange({ ...mapping, headerRow, skipRows, columnNames: headerRow === null ? null : mapping.columnNames });
  }

  return (
    <fieldset className="space-y-4" data-testid="mapping-settings">
      <legend className="sr-only">How to read the file</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SettingSelect id={id("encoding")} label="Encoding" value={mapping.encoding} options={ENCODINGS} onChange={(v) => set("encoding", v)} />
        <SettingSelect id={id("delimiter")} label="Delimiter" value={mapping.delimiter} options={DELIMITERS} onChange={(v) => set("delimiter", v)} />
        <div>
          <label htmlFor={id("date-format")} className="block text-sm font-medium text-slate-700">
            Date format
          </label>
          <input
            id={id("date-format")}
            type="text"
            list={id("date-formats")}
            autoComplete="off"
            spellCheck={false}
            value={mapping.dateFormat}
            onChange={(e) => set("dateFormat", e.target.value)}
            aria-describedby={id("date-format-hint")}
            className={`${control} font-mono`}
          />
          <datalist id={id("date-formats")}>
            {DATE_FORMATS.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          <p id={id("date-format-hint")} className="mt-1 text-xs text-slate-500">
            e.g. MM/DD/YYYY, DD.MM.YYYY, DD MMM YYYY
          </p>
        </div>
        <SettingSelect id={id("decimal")} label="Decimal separator" value={mapping.decimalSeparator} options={DECIMALS} onChange={(v) => set("decimalSeparator", v)} />
        <SettingSelect id={id("thousands")} label="Thousands separator" value={mapping.thousandsSeparator} options={THOUSANDS} onChange={(v) => set("thousandsSeparator", v)} />
        <div>
          <label htmlFor={id("header-row")} className="block text-sm font-medium text-slate-700">
            Header row
          </label>
          <RowNumber id={id("header-row")} value={(mapping.headerRow ?? 0) + 1} disabled={!hasHeader} onChange={(n) => setHeaderRow(n - 1)} />
          <label className="mt-1 flex items-center gap-2 text-xs text-slate-600">
            <input
              type="checkbox"
              checked={!hasHeader}
              onChange={(e) => setHeaderRow(e.target.checked ? null : Math.max(0, mapping.skipRows - 1))}
              className="h-3.5 w-3.5 rounded border-slate-300 text-indigo-600"
            />
            No header row
          </label>
        </div>
        <div>
          <label htmlFor={id("first-row")} className="block text-sm font-medium text-slate-700">
            First transaction row
          </label>
          <RowNumber
            id={id("first-row")}
            value={mapping.skipRows + 1}
            onChange={(n) => set("skipRows", n - 1)}
          />
          <p className="mt-1 text-xs text-slate-500">Rows above it are skipped (a statement’s summary block).</p>
        </div>
      </div>

      <div className="space-y-2">
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={mapping.invertSign}
            onChange={(e) => set("invertSign", e.target.checked)}
            className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600"
            data-testid="invert-sign"
          />
          <span>
            Amounts are positive for purchases
            <span className="block text-xs text-slate-500">As in most credit-card exports: every amount’s sign is flipped so purchases are money out.</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={dedupe}
            onChange={(e) => onDedupeChange(e.target.checked)}
            className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600"
          />
          <span>
            Skip duplicates
            <span className="block text-xs text-slate-500">Leave out rows already imported for this account (same date, amount and description).</span>
          </span>
        </label>
      </div>

      {mapping.direction ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={id("dir-out")} className="block text-sm font-medium text-slate-700">
              Direction values meaning money out
            </label>
            <DirectionValuesInput
              id={id("dir-out")}
              values={mapping.direction.out}
              onChange={(out) => set("direction", { in: mapping.direction?.in ?? [], out })}
            />
          </div>
          <div>
            <label htmlFor={id("dir-in")} className="block text-sm font-medium text-slate-700">
              Direction values meaning money in
            </label>
            <DirectionValuesInput
              id={id("dir-in")}
              values={mapping.direction.in}
              onChange={(values) => set("direction", { out: mapping.direction?.out ?? [], in: values })}
            />
          </div>
          <p className="text-xs text-slate-500 sm:col-span-2">Separate values with commas; they are matched ignoring case.</p>
        </div>
      ) : null}
    </fieldset>
  );
}
