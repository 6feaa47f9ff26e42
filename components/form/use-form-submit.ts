"use client";

import { useId, useRef, useState } from "react";
import { inputAttributes, splitSubmitErrors } from "./form-parts";

export type FieldErrorsOf<Name extends string> = Partial<Record<Name, string[]>>;

/** What an add/edit form's `onSubmit` answers: done, or refused with field errors and/or a message. */
export type SubmitOutcome = { ok: true } | { ok: false; fields?: Record<string, string[]>; message?: string };

/**
 * The state every add/edit form keeps: its field errors and form-level error, whether a submit
 * is pending, the ids of its inputs, and one submit path: the form's own checks first (shown
 * under their fields, the first one focused), then the send, whose refusal lands under the same
 * fields (`rename` maps an API field name to the form's).
 */
export function useFormSubmit<Name extends string>(fieldNames: readonly Name[], rename?: (key: string) => string) {
  const uid = useId();
  const [errors, setErrors] = useState<FieldErrorsOf<Name>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = (name: string) => `${uid}-${name}`;

  function focusField(name: Name) {
    formRef.current?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
  }

  function focusFirstError(found: FieldErrorsOf<Name>) {
    const first = fieldNames.find((f) => found[f]?.length);
    if (first) focusField(first);
  }

  /** Shows `found`; when it is empty, sends. True when the send went through. */
  async function submit(found: FieldErrorsOf<Name>, send: () => Promise<SubmitOutcome>): Promise<boolean> {
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return false;
    }
    setPending(true);
    const outcome = await send();
    setPending(false);
    if (outcome.ok) return true;
    const refused = splitSubmitErrors(outcome, fieldNames, rename);
    setErrors(refused.fields);
    setFormError(refused.formError);
    focusFirstError(refused.fields);
    return false;
  }

  /** <Field>'s props for one of the form's fields. */
  const fieldProps = (name: Name, label: string, className = "", optional = false) => ({
    label,
    htmlFor: id(name),
    error: errors[name],
    className,
    optional,
  });

  return {
    id,
    errors,
    setErrors,
    pending,
    focusField,
    submit,
    fieldProps,
    /** <FormShell>'s props that come from this state. */
    shell: { formRef, pending, formError },
    ...inputAttributes<Name>(errors, id),
  };
}
