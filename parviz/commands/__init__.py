"""Further `parviz` subcommands, one module each.

A module here defines NAME (the subcommand), HELP, add_arguments(parser) and
run(args, lang) -> exit code, and is listed in parviz.cli.COMMAND_MODULES.
"""
