import { render } from 'preact';
import { App } from './views/app.js';
import { BILLING_STYLES } from '../../shared/ui/billing-styles.js';

const style = document.createElement('style');
style.textContent = `${BILLING_STYLES}body { margin: 0; padding: 6px; }`;
document.head.appendChild(style);

// Manage substitutes [cw_id] and [cw_screen] into our address; onLoad confirms them.
const params = new URLSearchParams(location.search);
render(
  <App initialScreen={params.get('screen')} initialId={Number(params.get('id')) || null} page={params.get('page')} />,
  document.getElementById('app')!,
);
