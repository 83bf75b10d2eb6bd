// Shared styles first, so each feature's own CSS (imported by its components) comes after them.
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createBridge } from './bridge';
import { StoresProvider } from './stores/context';
import { createStores, startStores } from './stores/index';

const bridge = createBridge(window);
const stores = createStores(bridge, window);
// Started once for the page's lifetime (outside React, so StrictMode's double effects don't double-subscribe).
startStores(stores);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);
