"""Sub-commands of `termbook`; each module has ``register(subparsers)``."""
