"""Django's shell, with what it writes recorded in the history as done from the shell."""

from django.core.management.commands import shell

from articles.history import command_history


class Command(shell.Command):
    help = shell.Command.help + " Changes made here are recorded in the archive's history as 'shell'."

    def handle(self, **options):
        with command_history("shell"):
            return super().handle(**options)
