// A wrapper module that builds the Docker Compose CLI (standalone `docker-compose`) for the static validation of
// docker-compose.yml: `go install` refuses compose's own module because its go.mod has `exclude` directives, so
// provisioning copies this directory into its cache and builds there (the same workaround DESIGN.md describes for
// the Temporal CLI). The excludes repeat compose v5.6.0's own.
module sparkle.local/compose-cli

go 1.25

require github.com/docker/compose/v5 v5.6.0

exclude (
	github.com/davecgh/go-spew v1.1.2-0.20180830191138-d8f796af33cc
	github.com/pmezard/go-difflib v1.0.1-0.20181226105442-5d4384ee4fb2
)
