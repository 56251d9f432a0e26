import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app/App.tsx';
import { start } from './ui/app/start.ts';
import './ui/app/app.css';

// Storage is read before the first render (briefly), so restored settings never flash over the defaults.
void start().finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
