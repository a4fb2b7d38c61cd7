export { GridDataService } from './grid-data-service.js';
export { runningImports } from './import-records.js';
export type { RecordParty } from './party-of-record.js';
export type { RecordView } from './record-codec.js';
export { gridDataRoutes } from './routes.js';
