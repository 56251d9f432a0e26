// A button that opens the file chooser: a label around a hidden file input,
// so the keyboard, screen readers and Playwright's setInputFiles all reach it
// by the button's name. Choosing the same file again reads it again.

import type { ReactNode } from 'react';

export function FileButton({
  children,
  accept,
  disabled,
  onFile,
  describedBy,
  title,
  className = '',
}: {
  children: ReactNode;
  accept: string;
  disabled: boolean;
  onFile: (file: File) => void;
  describedBy?: string;
  title?: string;
  className?: string;
}) {
  return (
    <label className={`button ${className}`.trim()} title={title}>
      {children}
      <input
        type="file"
        accept={accept}
        className="visually-hidden"
        aria-describedby={describedBy}
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }}
      />
    </label>
  );
}
