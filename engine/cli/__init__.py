"""The `netralitas` command."""
def main() -> None:
    """Entry point."""
