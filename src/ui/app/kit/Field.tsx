// Form fields shared by the features: a visible label (with a hover tooltip for
// the jargon), an always-visible short hint, and the field's problem right
// beside it. The input says it is invalid (aria-invalid) and points at both
// texts (aria-describedby), so screen readers read the message too. A gloss is
// the English term shown beside a Korean label; it is left out of the
// accessible name, which stays in the page's language. A field with a tip has
// a help button named after it ("About Learning rate"): it opens the tip
// beside the field, and the input's description then includes it. What the
// help may add after the tip (helpMore: the lesson step that shows the
// setting) is left out of the description: it is a link, not an explanation.

import { useId, useState, type ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';

interface FieldFrameProps {
  label: string;
  /** The English term beside the label (Korean pages only), e.g. "learning rate". */
  gloss?: string;
  /** Longer explanation: on hover, and beside the field from its help button. */
  tip?: string;
  /** Shown after the tip in the help, e.g. a link to the lesson step that shows the setting. */
  helpMore?: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

function FieldFrame({ label, gloss, tip, helpMore, hint, error, className, children }: FieldFrameProps) {
  const [helpOpen, setHelpOpen] = useState(false);
  const id = useId();
  const hintId = `${id}-hint`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, tip && helpOpen ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].join(' ').trim()}>
      <div className="field__head">
        <label htmlFor={id} className="field__label">
          <LabelText label={label} gloss={gloss} tip={tip} />
        </label>
        {tip ? <HelpButton label={label} open={helpOpen} controls={helpId} onToggle={() => setHelpOpen((open) => !open)} /> : null}
      </div>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {tip ? <HelpBox textId={helpId} open={helpOpen} tip={tip} more={helpMore} /> : null}
      <p id={errorId} className="field__error" aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  );
}

/** A field's label: its words (the tip on hover) and, on Korean pages, the English term beside them. */
function LabelText({ label, gloss, tip }: { label: string; gloss?: string; tip?: string }) {
  return (
    <>
      <span className={tip ? 'term' : undefined} title={tip}>
        {label}
      </span>
      {gloss ? (
        <span className="field__gloss" lang="en" aria-hidden="true">
          {gloss}
        </span>
      ) : null}
    </>
  );
}

function HelpButton({ label, open, controls, onToggle }: { label: string; open: boolean; controls: string; onToggle: () => void }) {
  const tr = useT();
  return (
    <button type="button" className="field__help-button" aria-label={tr.t('field.about', { label })} aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      ?
    </button>
  );
}

/** The tip (which the help button controls and the input's description names) and what follows it. */
function HelpBox({ textId, open, tip, more }: { textId: string; open: boolean; tip: string; more?: ReactNode }) {
  return (
    <div className="field__help" hidden={!open}>
      <p id={textId} className="field__help-text" hidden={!open}>
        {tip}
      </p>
      {more ? <p className="field__help-more">{more}</p> : null}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  gloss?: string;
  tip?: string;
  helpMore?: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  inputMode?: 'decimal' | 'numeric' | 'text';
  className?: string;
  disabled?: boolean;
}

/** A number typed as text: whatever is typed stays visible, and the check explains what is wrong with it. */
export function TextField({ label, gloss, tip, helpMore, hint, error, value, onChange, inputMode = 'decimal', className, disabled }: TextFieldProps) {
  return (
    <FieldFrame label={label} gloss={gloss} tip={tip} helpMore={helpMore} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          className="field__input"
          value={value}
          disabled={disabled}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldFrame>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  gloss?: string;
  tip?: string;
  helpMore?: ReactNode;
  hint?: ReactNode;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  className?: string;
  disabled?: boolean;
}

export function SelectField<T extends string>({ label, gloss, tip, helpMore, hint, value, options, onChange, className, disabled }: SelectFieldProps<T>) {
  return (
    <FieldFrame label={label} gloss={gloss} tip={tip} helpMore={helpMore} hint={hint} className={className}>
      {({ id, describedBy }) => (
        <select
          id={id}
          className="field__input"
          value={value}
          disabled={disabled}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value as T)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

interface CheckFieldProps {
  label: string;
  gloss?: string;
  tip?: string;
  helpMore?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}

/** A checkbox before its label, with the same help button and help as the other fields. */
export function CheckField({ label, gloss, tip, helpMore, checked, onChange, className }: CheckFieldProps) {
  const [helpOpen, setHelpOpen] = useState(false);
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className={['field', 'field--check', className ?? ''].join(' ').trim()}>
      <div className="field__head">
        <label className="field__check">
          <input type="checkbox" checked={checked} aria-describedby={tip && helpOpen ? helpId : undefined} onChange={(e) => onChange(e.target.checked)} />{' '}
          <LabelText label={label} gloss={gloss} tip={tip} />
        </label>
        {tip ? <HelpButton label={label} open={helpOpen} controls={helpId} onToggle={() => setHelpOpen((open) => !open)} /> : null}
      </div>
      {tip ? <HelpBox textId={helpId} open={helpOpen} tip={tip} more={helpMore} /> : null}
    </div>
  );
}
