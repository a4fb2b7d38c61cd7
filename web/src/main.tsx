// The desk app's entry (every page but the phone's /report and /grid, which load phone.tsx).
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { App } from './App';
import { mountApp } from './mount';
import { ThemedApp } from './ThemedApp';

mountApp(<App />, ThemedApp);
