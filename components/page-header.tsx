import type { ReactNode } from "react";

// A dashboard page's title and the line that says what the page is for; `actions` (links,
// an upload button) sit to the right on a wide screen and wrap below on a phone.

export function PageHeader({
  title,
  description,
  descriptionTestId,
  actions,
  children,
}: {
  title: string;
  description: ReactNode;
  descriptionTestId?: string;
  actions?: ReactNode;
  /** More lines under the description. */
  children?: ReactNode;
}) {
  const heading = (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-1 text-sm text-slate-600" data-testid={descriptionTestId}>
        {description}
      </p>
      {children}
    </div>
  );
  if (!actions) return heading;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      {heading}
      {actions}
    </div>
  );
}
