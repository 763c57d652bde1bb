"""``python -m jixiao``: the ``jixiao`` command line."""

from jixiao.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
