export * from './api-tokens.js';
export * from './member-grants.js';
export * from './audit-log.js';
export * from './secrets.js';
export * from './settings.js';
