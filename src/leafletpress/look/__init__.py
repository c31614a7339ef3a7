"""Look stage: what a designer looks at after a build: proofs, visual diffs and the contact sheet."""
