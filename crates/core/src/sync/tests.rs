//! Tests of signing in, publishing, applying and conflicts, on real SQLite files.
