// One import line per feature; each registers itself with the feature manager.
import './features/ticket-billing-panel.js';
import './features/company-billing-panel.js';
import './features/time-entry-preview.js';
import './features/invoice-double-billing.js';
import './features/agreement-billing-panel.js';
import { startFeatures } from './feature-manager.js';

void startFeatures();
