import { AppError } from '../../core/errors.js';

/** Thrown when a text to classify or learn from is empty or whitespace only. Maps to HTTP 400 VALIDATION_FAILED. */
export class EmptyTextError extends AppError {
  override readonly name = 'EmptyTextError';
  constructor() {
    super('VALIDATION_FAILED', { message: '文本为空，无法分类', details: { reason: 'EMPTY_TEXT' } });
  }
}

/** Thrown for an invalid model, options or training set (e.g. no examples, unknown serialised version). */
export class ClassifierInputError extends AppError {
  override readonly name = 'ClassifierInputError';
  constructor(message: string) {
    super('VALIDATION_FAILED', { message, details: { reason: 'CLASSIFIER_INPUT' } });
  }
}
