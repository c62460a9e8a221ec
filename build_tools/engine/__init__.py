"""The build engine: plan the outputs, skip what is up to date, run jobs in workers, record."""
