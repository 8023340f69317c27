"""Stores: where a trainee's progress and notes live between page loads."""
