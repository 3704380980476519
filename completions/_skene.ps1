
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'skene' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'skene'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'skene' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a workspace and store its API key in the OS keyring')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove a stored key and its profile')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Check the bundle and upload it to the workspace')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the bundle offline, without pushing it')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'Manage the workspace''s members and invitations')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Manage the workspace''s API keys and allowed origins')
            [CompletionResult]::new('integrations', 'integrations', [CompletionResultType]::ParameterValue, 'See the workspace''s Supabase and GitHub connections')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Ask the workspace''s Agent (OpenAI-compatible chat), streaming the answer')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List the models the workspace offers')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Send an authenticated request to any API endpoint')
            [CompletionResult]::new('triggers', 'triggers', [CompletionResultType]::ParameterValue, 'Generate and check the database trigger migrations from engine.yaml')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'The local agent: the workspace''s Agent as an OpenAI-compatible endpoint on 127.0.0.1')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Inspect and manage stored logins')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;login' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where to keep the key')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--with-key', '--with-key', [CompletionResultType]::ParameterName, 'Read the key from standard input (its first line) instead of prompting')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;logout' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Log out of every saved workspace, and remove every key skene stored')
            [CompletionResult]::new('--revoke', '--revoke', [CompletionResultType]::ParameterName, 'Also revoke the key on the server (DELETE /api-keys/{id}) before removing it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before revoking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before revoking')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;push' {
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'The bundle directory, relative to PATH [default: skene-context, else skene]')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check the bundle and show what would be sent, without a key or the network')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;validate' {
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'The bundle directory, relative to PATH [default: skene-context, else skene]')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;members' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List members and pending invitations, the owner first')
            [CompletionResult]::new('invite', 'invite', [CompletionResultType]::ParameterValue, 'Invite people by email')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove members or cancel invitations')
            [CompletionResult]::new('transfer', 'transfer', [CompletionResultType]::ParameterValue, 'Make another member the owner (you become a member)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;members;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after this many')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;members;invite' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role they get')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;members;remove' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;members;transfer' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;members;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List members and pending invitations, the owner first')
            [CompletionResult]::new('invite', 'invite', [CompletionResultType]::ParameterValue, 'Invite people by email')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove members or cancel invitations')
            [CompletionResult]::new('transfer', 'transfer', [CompletionResultType]::ParameterValue, 'Make another member the owner (you become a member)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;members;help;list' {
            break
        }
        'skene;members;help;invite' {
            break
        }
        'skene;members;help;remove' {
            break
        }
        'skene;members;help;transfer' {
            break
        }
        'skene;members;help;help' {
            break
        }
        'skene;keys' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the workspace''s API keys; the one this CLI uses is marked')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a key and print it, alone, on stdout (shown once)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete keys; they stop working at once')
            [CompletionResult]::new('origins', 'origins', [CompletionResultType]::ParameterValue, 'The browser origins allowed to call the API with a key (CORS)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;keys;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after this many')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;keys;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name that says where the key is used [default: asked on a terminal, else skene-<host>-<date>]')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;keys;delete' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;keys;origins' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the allowed origins')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Allow more origins (scheme://host[:port])')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop allowing origins')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Replace the list')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;keys;origins;list' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;keys;origins;add' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;keys;origins;remove' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;keys;origins;set' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;keys;origins;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the allowed origins')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Allow more origins (scheme://host[:port])')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop allowing origins')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Replace the list')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;keys;origins;help;list' {
            break
        }
        'skene;keys;origins;help;add' {
            break
        }
        'skene;keys;origins;help;remove' {
            break
        }
        'skene;keys;origins;help;set' {
            break
        }
        'skene;keys;origins;help;help' {
            break
        }
        'skene;keys;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the workspace''s API keys; the one this CLI uses is marked')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a key and print it, alone, on stdout (shown once)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete keys; they stop working at once')
            [CompletionResult]::new('origins', 'origins', [CompletionResultType]::ParameterValue, 'The browser origins allowed to call the API with a key (CORS)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;keys;help;list' {
            break
        }
        'skene;keys;help;create' {
            break
        }
        'skene;keys;help;delete' {
            break
        }
        'skene;keys;help;origins' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the allowed origins')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Allow more origins (scheme://host[:port])')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop allowing origins')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Replace the list')
            break
        }
        'skene;keys;help;origins;list' {
            break
        }
        'skene;keys;help;origins;add' {
            break
        }
        'skene;keys;help;origins;remove' {
            break
        }
        'skene;keys;help;origins;set' {
            break
        }
        'skene;keys;help;help' {
            break
        }
        'skene;integrations' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the Supabase and GitHub connections')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open the workspace''s integrations page in the browser (connecting is done there)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;integrations;list' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;integrations;open' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Print the URL instead of opening a browser')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;integrations;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the Supabase and GitHub connections')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open the workspace''s integrations page in the browser (connecting is done there)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;integrations;help;list' {
            break
        }
        'skene;integrations;help;open' {
            break
        }
        'skene;integrations;help;help' {
            break
        }
        'skene;chat' {
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'The model')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'A system message sent before the conversation')
            [CompletionResult]::new('--temperature', '--temperature', [CompletionResultType]::ParameterName, 'Sampling temperature (a finite number, e.g. 0.7)')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'The most tokens the answer may have')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-stream', '--no-stream', [CompletionResultType]::ParameterName, 'Ask for the whole answer at once instead of streaming it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;models' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;api' {
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'The HTTP method [default: GET, or POST with a body]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The HTTP method [default: GET, or POST with a body]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'An extra header, ''Name: value''')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'An extra header, ''Name: value''')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A field of a JSON body, key=value (key=@file reads a file)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A field of a JSON body, key=value (key=@file reads a file)')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Send a file as the body (`-` for standard input)')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the status line and the answer''s headers too')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the status line and the answer''s headers too')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;triggers' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write the base schema and a trigger migration from engine.yaml')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List each action feature with its event, trigger and function')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the migrations, and with --db a database, against engine.yaml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;triggers;generate' {
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'The bundle directory, relative to PATH [default: skene-context, else skene]')
            [CompletionResult]::new('--ingest-url', '--ingest-url', [CompletionResultType]::ParameterName, 'Where pg_net posts events (…/api/v1/cloud/ingest/db-trigger is appended) [default: a placeholder]')
            [CompletionResult]::new('--proxy-secret-env', '--proxy-secret-env', [CompletionResultType]::ParameterName, 'The environment variable holding the proxy secret for the webhook [default: a placeholder]')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the SQL instead of writing it')
            [CompletionResult]::new('--no-webhook', '--no-webhook', [CompletionResultType]::ParameterName, 'Leave pg_net and the webhook out; announce new events with NOTIFY for the local agent')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;triggers;list' {
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'The bundle directory, relative to PATH [default: skene-context, else skene]')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;triggers;check' {
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'The bundle directory, relative to PATH [default: skene-context, else skene]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database to compare (sslmode honoured; PGPASSWORD fills a missing password)')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;triggers;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write the base schema and a trigger migration from engine.yaml')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List each action feature with its event, trigger and function')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the migrations, and with --db a database, against engine.yaml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;triggers;help;generate' {
            break
        }
        'skene;triggers;help;list' {
            break
        }
        'skene;triggers;help;check' {
            break
        }
        'skene;triggers;help;help' {
            break
        }
        'skene;agent' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the local agent in the foreground (Ctrl-C or SIGTERM stops it)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what the running agent is doing (exit 3 when none runs)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the variables that point OpenAI SDKs and tools at the agent''s gateway')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage the local token that tools show the agent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;agent;run' {
            [CompletionResult]::new('--gateway-port', '--gateway-port', [CompletionResultType]::ParameterName, 'The gateway''s port on 127.0.0.1 [default: 4917, or a free port when it is taken; 0: any free port]')
            [CompletionResult]::new('--allow-origin', '--allow-origin', [CompletionResultType]::ParameterName, 'Let web pages of ORIGIN (e.g. http://localhost:3000) call the gateway; repeatable')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--gateway-only', '--gateway-only', [CompletionResultType]::ParameterName, 'Run the gateway alone, without the event forwarder')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;agent;status' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;agent;env' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The syntax to print')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;agent;token' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Replace the local token: tools that hold the old one are refused from now on')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;agent;token;rotate' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;agent;token;help' {
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Replace the local token: tools that hold the old one are refused from now on')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;agent;token;help;rotate' {
            break
        }
        'skene;agent;token;help;help' {
            break
        }
        'skene;agent;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the local agent in the foreground (Ctrl-C or SIGTERM stops it)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what the running agent is doing (exit 3 when none runs)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the variables that point OpenAI SDKs and tools at the agent''s gateway')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage the local token that tools show the agent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;agent;help;run' {
            break
        }
        'skene;agent;help;status' {
            break
        }
        'skene;agent;help;env' {
            break
        }
        'skene;agent;help;token' {
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Replace the local token: tools that hold the old one are refused from now on')
            break
        }
        'skene;agent;help;token;rotate' {
            break
        }
        'skene;agent;help;help' {
            break
        }
        'skene;auth' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Check the key online and show who and where you are logged in')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the key in use to stdout, and nothing else (for piping)')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Make another saved workspace the active one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;auth;status' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;auth;token' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;auth;switch' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'skene;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Check the key online and show who and where you are logged in')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the key in use to stdout, and nothing else (for piping)')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Make another saved workspace the active one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;auth;help;status' {
            break
        }
        'skene;auth;help;token' {
            break
        }
        'skene;auth;help;switch' {
            break
        }
        'skene;auth;help;help' {
            break
        }
        'skene;completions' {
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'API base URL, used verbatim; wins over --upstream')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors on stderr (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'skene;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a workspace and store its API key in the OS keyring')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove a stored key and its profile')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Check the bundle and upload it to the workspace')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the bundle offline, without pushing it')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'Manage the workspace''s members and invitations')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Manage the workspace''s API keys and allowed origins')
            [CompletionResult]::new('integrations', 'integrations', [CompletionResultType]::ParameterValue, 'See the workspace''s Supabase and GitHub connections')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Ask the workspace''s Agent (OpenAI-compatible chat), streaming the answer')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List the models the workspace offers')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Send an authenticated request to any API endpoint')
            [CompletionResult]::new('triggers', 'triggers', [CompletionResultType]::ParameterValue, 'Generate and check the database trigger migrations from engine.yaml')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'The local agent: the workspace''s Agent as an OpenAI-compatible endpoint on 127.0.0.1')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Inspect and manage stored logins')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'skene;help;login' {
            break
        }
        'skene;help;logout' {
            break
        }
        'skene;help;push' {
            break
        }
        'skene;help;validate' {
            break
        }
        'skene;help;members' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List members and pending invitations, the owner first')
            [CompletionResult]::new('invite', 'invite', [CompletionResultType]::ParameterValue, 'Invite people by email')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove members or cancel invitations')
            [CompletionResult]::new('transfer', 'transfer', [CompletionResultType]::ParameterValue, 'Make another member the owner (you become a member)')
            break
        }
        'skene;help;members;list' {
            break
        }
        'skene;help;members;invite' {
            break
        }
        'skene;help;members;remove' {
            break
        }
        'skene;help;members;transfer' {
            break
        }
        'skene;help;keys' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the workspace''s API keys; the one this CLI uses is marked')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a key and print it, alone, on stdout (shown once)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete keys; they stop working at once')
            [CompletionResult]::new('origins', 'origins', [CompletionResultType]::ParameterValue, 'The browser origins allowed to call the API with a key (CORS)')
            break
        }
        'skene;help;keys;list' {
            break
        }
        'skene;help;keys;create' {
            break
        }
        'skene;help;keys;delete' {
            break
        }
        'skene;help;keys;origins' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the allowed origins')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Allow more origins (scheme://host[:port])')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop allowing origins')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Replace the list')
            break
        }
        'skene;help;keys;origins;list' {
            break
        }
        'skene;help;keys;origins;add' {
            break
        }
        'skene;help;keys;origins;remove' {
            break
        }
        'skene;help;keys;origins;set' {
            break
        }
        'skene;help;integrations' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the Supabase and GitHub connections')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open the workspace''s integrations page in the browser (connecting is done there)')
            break
        }
        'skene;help;integrations;list' {
            break
        }
        'skene;help;integrations;open' {
            break
        }
        'skene;help;chat' {
            break
        }
        'skene;help;models' {
            break
        }
        'skene;help;api' {
            break
        }
        'skene;help;triggers' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write the base schema and a trigger migration from engine.yaml')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List each action feature with its event, trigger and function')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the migrations, and with --db a database, against engine.yaml')
            break
        }
        'skene;help;triggers;generate' {
            break
        }
        'skene;help;triggers;list' {
            break
        }
        'skene;help;triggers;check' {
            break
        }
        'skene;help;agent' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the local agent in the foreground (Ctrl-C or SIGTERM stops it)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what the running agent is doing (exit 3 when none runs)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the variables that point OpenAI SDKs and tools at the agent''s gateway')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage the local token that tools show the agent')
            break
        }
        'skene;help;agent;run' {
            break
        }
        'skene;help;agent;status' {
            break
        }
        'skene;help;agent;env' {
            break
        }
        'skene;help;agent;token' {
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Replace the local token: tools that hold the old one are refused from now on')
            break
        }
        'skene;help;agent;token;rotate' {
            break
        }
        'skene;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Check the key online and show who and where you are logged in')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the key in use to stdout, and nothing else (for piping)')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Make another saved workspace the active one')
            break
        }
        'skene;help;auth;status' {
            break
        }
        'skene;help;auth;token' {
            break
        }
        'skene;help;auth;switch' {
            break
        }
        'skene;help;completions' {
            break
        }
        'skene;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
