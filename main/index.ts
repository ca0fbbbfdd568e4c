// Electron main entry (compiled to out/main/index.js, ESM). The only file that hands the
// real electron module to the shell; everything else receives it as a parameter.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { startApp, type ElectronLike } from './app.js';

const electron = { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } satisfies ElectronLike;

startApp(electron, {
  mainDir: path.dirname(fileURLToPath(import.meta.url)),
  env: process.env,
  platform: process.platform,
  fs,
});
