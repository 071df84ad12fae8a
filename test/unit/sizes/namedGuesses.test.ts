// Installs whose size the estimator can only guess (it reads neither composer.lock nor Gemfile.lock)
// are named on the lens, not silently priced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';

const unknownsOf = (text: string) => estimateStages(parseDockerfile(text), { io: { contextSize: () => ({ bytes: 5_000, files: 3 }) } })[0].unknowns;

test('composer install names vendor/ as a guess', () => {
  assert.ok(unknownsOf('FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n').some((u) => u.includes('composer.lock not read')));
});

test('bundle install names the gems as a guess', () => {
  assert.ok(unknownsOf('FROM ruby:3.3-slim\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n').some((u) => u.includes('Gemfile.lock not read')));
});
