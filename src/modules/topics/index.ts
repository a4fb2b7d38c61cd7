export { topicRoutes } from './routes.js';
export { topicsVisibleTo } from './topic-scope.js';
export { TopicService } from './topic-service.js';
