/** Electron entry (bundled to dist-main/main.cjs). All wiring is in desktop.ts so tests can drive it. */
import { createApp } from '../app/createApp';
import { runDesktop } from './desktop';

runDesktop({ createApp });
