"""The outside services: writers, voices and image sources, each a registry of engines by name."""
