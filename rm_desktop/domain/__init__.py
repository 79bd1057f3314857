"""Domain rules: pure functions and value types, no storage, no Qt."""
