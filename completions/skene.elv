
use builtin;
use str;

set edit:completion:arg-completer[skene] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'skene'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'skene'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Log in to a workspace and store its API key in the OS keyring'
            cand logout 'Remove a stored key and its profile'
            cand push 'Check the bundle and upload it to the workspace'
            cand validate 'Check the bundle offline, without pushing it'
            cand members 'Manage the workspace''s members and invitations'
            cand keys 'Manage the workspace''s API keys and allowed origins'
            cand integrations 'See the workspace''s Supabase and GitHub connections'
            cand chat 'Ask the workspace''s Agent (OpenAI-compatible chat), streaming the answer'
            cand models 'List the models the workspace offers'
            cand api 'Send an authenticated request to any API endpoint'
            cand triggers 'Generate and check the database trigger migrations from engine.yaml'
            cand auth 'Inspect and manage stored logins'
            cand completions 'Print a shell completion script'
            cand agent 'The local agent: forward database events to the workspace, watch them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;login'= {
            cand --store 'Where to keep the key'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --with-key 'Read the key from standard input (its first line) instead of prompting'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;logout'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --all 'Log out of every saved workspace, and remove every key skene stored'
            cand --revoke 'Also revoke the key on the server (DELETE /api-keys/{id}) before removing it'
            cand -y 'Do not ask before revoking'
            cand --yes 'Do not ask before revoking'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;push'= {
            cand --output-dir 'The bundle directory, relative to PATH [default: skene-context, else skene]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --dry-run 'Check the bundle and show what would be sent, without a key or the network'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;validate'= {
            cand --output-dir 'The bundle directory, relative to PATH [default: skene-context, else skene]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;members'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List members and pending invitations, the owner first'
            cand invite 'Invite people by email'
            cand remove 'Remove members or cancel invitations'
            cand transfer 'Make another member the owner (you become a member)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;members;list'= {
            cand --limit 'Stop after this many'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;members;invite'= {
            cand --role 'The role they get'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;members;remove'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;members;transfer'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;members;help'= {
            cand list 'List members and pending invitations, the owner first'
            cand invite 'Invite people by email'
            cand remove 'Remove members or cancel invitations'
            cand transfer 'Make another member the owner (you become a member)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;members;help;list'= {
        }
        &'skene;members;help;invite'= {
        }
        &'skene;members;help;remove'= {
        }
        &'skene;members;help;transfer'= {
        }
        &'skene;members;help;help'= {
        }
        &'skene;keys'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the workspace''s API keys; the one this CLI uses is marked'
            cand create 'Create a key and print it, alone, on stdout (shown once)'
            cand delete 'Delete keys; they stop working at once'
            cand origins 'The browser origins allowed to call the API with a key (CORS)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;keys;list'= {
            cand --limit 'Stop after this many'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;keys;create'= {
            cand --name 'A name that says where the key is used [default: asked on a terminal, else skene-<host>-<date>]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;keys;delete'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;keys;origins'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'Show the allowed origins'
            cand add 'Allow more origins (scheme://host[:port])'
            cand remove 'Stop allowing origins'
            cand set 'Replace the list'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;keys;origins;list'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;keys;origins;add'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;keys;origins;remove'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;keys;origins;set'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;keys;origins;help'= {
            cand list 'Show the allowed origins'
            cand add 'Allow more origins (scheme://host[:port])'
            cand remove 'Stop allowing origins'
            cand set 'Replace the list'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;keys;origins;help;list'= {
        }
        &'skene;keys;origins;help;add'= {
        }
        &'skene;keys;origins;help;remove'= {
        }
        &'skene;keys;origins;help;set'= {
        }
        &'skene;keys;origins;help;help'= {
        }
        &'skene;keys;help'= {
            cand list 'List the workspace''s API keys; the one this CLI uses is marked'
            cand create 'Create a key and print it, alone, on stdout (shown once)'
            cand delete 'Delete keys; they stop working at once'
            cand origins 'The browser origins allowed to call the API with a key (CORS)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;keys;help;list'= {
        }
        &'skene;keys;help;create'= {
        }
        &'skene;keys;help;delete'= {
        }
        &'skene;keys;help;origins'= {
            cand list 'Show the allowed origins'
            cand add 'Allow more origins (scheme://host[:port])'
            cand remove 'Stop allowing origins'
            cand set 'Replace the list'
        }
        &'skene;keys;help;origins;list'= {
        }
        &'skene;keys;help;origins;add'= {
        }
        &'skene;keys;help;origins;remove'= {
        }
        &'skene;keys;help;origins;set'= {
        }
        &'skene;keys;help;help'= {
        }
        &'skene;integrations'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'Show the Supabase and GitHub connections'
            cand open 'Open the workspace''s integrations page in the browser (connecting is done there)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;integrations;list'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;integrations;open'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --print 'Print the URL instead of opening a browser'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;integrations;help'= {
            cand list 'Show the Supabase and GitHub connections'
            cand open 'Open the workspace''s integrations page in the browser (connecting is done there)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;integrations;help;list'= {
        }
        &'skene;integrations;help;open'= {
        }
        &'skene;integrations;help;help'= {
        }
        &'skene;chat'= {
            cand --model 'The model'
            cand --system 'A system message sent before the conversation'
            cand --temperature 'Sampling temperature (a finite number, e.g. 0.7)'
            cand --max-tokens 'The most tokens the answer may have'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --no-stream 'Ask for the whole answer at once instead of streaming it'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;models'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;api'= {
            cand -X 'The HTTP method [default: GET, or POST with a body]'
            cand --method 'The HTTP method [default: GET, or POST with a body]'
            cand -H 'An extra header, ''Name: value'''
            cand --header 'An extra header, ''Name: value'''
            cand -f 'A field of a JSON body, key=value (key=@file reads a file)'
            cand --field 'A field of a JSON body, key=value (key=@file reads a file)'
            cand --input 'Send a file as the body (`-` for standard input)'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand -i 'Print the status line and the answer''s headers too'
            cand --include 'Print the status line and the answer''s headers too'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;triggers'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand generate 'Write the base schema and a trigger migration from engine.yaml'
            cand list 'List each action feature with its event, trigger and function'
            cand check 'Check the migrations, and with --db a database, against engine.yaml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;triggers;generate'= {
            cand --output-dir 'The bundle directory, relative to PATH [default: skene-context, else skene]'
            cand --ingest-url 'Where pg_net posts events (…/api/v1/cloud/ingest/db-trigger is appended) [default: a placeholder]'
            cand --proxy-secret-env 'The environment variable holding the proxy secret for the webhook [default: a placeholder]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --dry-run 'Print the SQL instead of writing it'
            cand --no-webhook 'Leave pg_net and the webhook out; announce new events with NOTIFY for the local agent'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;triggers;list'= {
            cand --output-dir 'The bundle directory, relative to PATH [default: skene-context, else skene]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;triggers;check'= {
            cand --output-dir 'The bundle directory, relative to PATH [default: skene-context, else skene]'
            cand --db 'The database to compare (sslmode honoured; PGPASSWORD fills a missing password)'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;triggers;help'= {
            cand generate 'Write the base schema and a trigger migration from engine.yaml'
            cand list 'List each action feature with its event, trigger and function'
            cand check 'Check the migrations, and with --db a database, against engine.yaml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;triggers;help;generate'= {
        }
        &'skene;triggers;help;list'= {
        }
        &'skene;triggers;help;check'= {
        }
        &'skene;triggers;help;help'= {
        }
        &'skene;auth'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand status 'Check the key online and show who and where you are logged in'
            cand token 'Print the key in use to stdout, and nothing else (for piping)'
            cand switch 'Make another saved workspace the active one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;auth;status'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;auth;token'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;auth;switch'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;auth;help'= {
            cand status 'Check the key online and show who and where you are logged in'
            cand token 'Print the key in use to stdout, and nothing else (for piping)'
            cand switch 'Make another saved workspace the active one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;auth;help;status'= {
        }
        &'skene;auth;help;token'= {
        }
        &'skene;auth;help;switch'= {
        }
        &'skene;auth;help;help'= {
        }
        &'skene;completions'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;agent'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand run 'Run the agent in the foreground: forward database events to the workspace'
            cand listen 'Show database events as they happen (read-only; works offline)'
            cand secret 'Set, check or delete the workspace''s proxy secret'
            cand service 'Install, remove or check the OS service that keeps the agent running'
            cand release 'Give event delivery back to pg_net: re-enable its webhook trigger'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;agent;run'= {
            cand --db 'The database to read events from [default: DATABASE_URL, db_url in .skene.config, else the local `supabase start` database]'
            cand --in-flight 'Requests in flight at once (also rows per transaction: at most this many are sent twice after a crash)'
            cand --max-attempts '4xx answers (other than 401, 408, 429) after which an event is moved to skene_growth.failed_events'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --take-over 'When pg_net''s webhook trigger delivers, disable it and forward instead (`skene agent release` re-enables it)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;agent;listen'= {
            cand --db 'The database [default: DATABASE_URL, db_url in .skene.config, else the local `supabase start` database]'
            cand --table 'Only events of this table: `orders` (any schema) or `public.orders`'
            cand --type 'Only events of this kind'
            cand --since 'First show the events from this id on (default: only new ones)'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;agent;secret'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand set 'Store the proxy secret (masked prompt, or standard input)'
            cand status 'Say whether a proxy secret is set and where it comes from (never the secret)'
            cand delete 'Delete the stored proxy secret'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;agent;secret;set'= {
            cand --store 'Where to keep the secret'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;agent;secret;status'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;agent;secret;delete'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;agent;secret;help'= {
            cand set 'Store the proxy secret (masked prompt, or standard input)'
            cand status 'Say whether a proxy secret is set and where it comes from (never the secret)'
            cand delete 'Delete the stored proxy secret'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;agent;secret;help;set'= {
        }
        &'skene;agent;secret;help;status'= {
        }
        &'skene;agent;secret;help;delete'= {
        }
        &'skene;agent;secret;help;help'= {
        }
        &'skene;agent;service'= {
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand install 'Write the service file for `skene agent run` in this directory, and start it'
            cand uninstall 'Stop the service and remove its file'
            cand status 'Say whether the service is installed and running'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;agent;service;install'= {
            cand --db 'The database, without a password [default: as `skene agent run` finds it]'
            cand --kind 'The kind of service [default: this platform''s]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --take-over 'Pass --take-over to the agent'
            cand --dry-run 'Print the service file instead of writing it'
            cand --no-start 'Write the file, but do not start the service'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;agent;service;uninstall'= {
            cand --kind 'The kind of service [default: this platform''s]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;agent;service;status'= {
            cand --kind 'The kind of service [default: this platform''s]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;agent;service;help'= {
            cand install 'Write the service file for `skene agent run` in this directory, and start it'
            cand uninstall 'Stop the service and remove its file'
            cand status 'Say whether the service is installed and running'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;agent;service;help;install'= {
        }
        &'skene;agent;service;help;uninstall'= {
        }
        &'skene;agent;service;help;status'= {
        }
        &'skene;agent;service;help;help'= {
        }
        &'skene;agent;release'= {
            cand --db 'The database [default: DATABASE_URL, db_url in .skene.config, else the local `supabase start` database]'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'skene;agent;help'= {
            cand run 'Run the agent in the foreground: forward database events to the workspace'
            cand listen 'Show database events as they happen (read-only; works offline)'
            cand secret 'Set, check or delete the workspace''s proxy secret'
            cand service 'Install, remove or check the OS service that keeps the agent running'
            cand release 'Give event delivery back to pg_net: re-enable its webhook trigger'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;agent;help;run'= {
        }
        &'skene;agent;help;listen'= {
        }
        &'skene;agent;help;secret'= {
            cand set 'Store the proxy secret (masked prompt, or standard input)'
            cand status 'Say whether a proxy secret is set and where it comes from (never the secret)'
            cand delete 'Delete the stored proxy secret'
        }
        &'skene;agent;help;secret;set'= {
        }
        &'skene;agent;help;secret;status'= {
        }
        &'skene;agent;help;secret;delete'= {
        }
        &'skene;agent;help;service'= {
            cand install 'Write the service file for `skene agent run` in this directory, and start it'
            cand uninstall 'Stop the service and remove its file'
            cand status 'Say whether the service is installed and running'
        }
        &'skene;agent;help;service;install'= {
        }
        &'skene;agent;help;service;uninstall'= {
        }
        &'skene;agent;help;service;status'= {
        }
        &'skene;agent;help;release'= {
        }
        &'skene;agent;help;help'= {
        }
        &'skene;help'= {
            cand login 'Log in to a workspace and store its API key in the OS keyring'
            cand logout 'Remove a stored key and its profile'
            cand push 'Check the bundle and upload it to the workspace'
            cand validate 'Check the bundle offline, without pushing it'
            cand members 'Manage the workspace''s members and invitations'
            cand keys 'Manage the workspace''s API keys and allowed origins'
            cand integrations 'See the workspace''s Supabase and GitHub connections'
            cand chat 'Ask the workspace''s Agent (OpenAI-compatible chat), streaming the answer'
            cand models 'List the models the workspace offers'
            cand api 'Send an authenticated request to any API endpoint'
            cand triggers 'Generate and check the database trigger migrations from engine.yaml'
            cand auth 'Inspect and manage stored logins'
            cand completions 'Print a shell completion script'
            cand agent 'The local agent: forward database events to the workspace, watch them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;help;login'= {
        }
        &'skene;help;logout'= {
        }
        &'skene;help;push'= {
        }
        &'skene;help;validate'= {
        }
        &'skene;help;members'= {
            cand list 'List members and pending invitations, the owner first'
            cand invite 'Invite people by email'
            cand remove 'Remove members or cancel invitations'
            cand transfer 'Make another member the owner (you become a member)'
        }
        &'skene;help;members;list'= {
        }
        &'skene;help;members;invite'= {
        }
        &'skene;help;members;remove'= {
        }
        &'skene;help;members;transfer'= {
        }
        &'skene;help;keys'= {
            cand list 'List the workspace''s API keys; the one this CLI uses is marked'
            cand create 'Create a key and print it, alone, on stdout (shown once)'
            cand delete 'Delete keys; they stop working at once'
            cand origins 'The browser origins allowed to call the API with a key (CORS)'
        }
        &'skene;help;keys;list'= {
        }
        &'skene;help;keys;create'= {
        }
        &'skene;help;keys;delete'= {
        }
        &'skene;help;keys;origins'= {
            cand list 'Show the allowed origins'
            cand add 'Allow more origins (scheme://host[:port])'
            cand remove 'Stop allowing origins'
            cand set 'Replace the list'
        }
        &'skene;help;keys;origins;list'= {
        }
        &'skene;help;keys;origins;add'= {
        }
        &'skene;help;keys;origins;remove'= {
        }
        &'skene;help;keys;origins;set'= {
        }
        &'skene;help;integrations'= {
            cand list 'Show the Supabase and GitHub connections'
            cand open 'Open the workspace''s integrations page in the browser (connecting is done there)'
        }
        &'skene;help;integrations;list'= {
        }
        &'skene;help;integrations;open'= {
        }
        &'skene;help;chat'= {
        }
        &'skene;help;models'= {
        }
        &'skene;help;api'= {
        }
        &'skene;help;triggers'= {
            cand generate 'Write the base schema and a trigger migration from engine.yaml'
            cand list 'List each action feature with its event, trigger and function'
            cand check 'Check the migrations, and with --db a database, against engine.yaml'
        }
        &'skene;help;triggers;generate'= {
        }
        &'skene;help;triggers;list'= {
        }
        &'skene;help;triggers;check'= {
        }
        &'skene;help;auth'= {
            cand status 'Check the key online and show who and where you are logged in'
            cand token 'Print the key in use to stdout, and nothing else (for piping)'
            cand switch 'Make another saved workspace the active one'
        }
        &'skene;help;auth;status'= {
        }
        &'skene;help;auth;token'= {
        }
        &'skene;help;auth;switch'= {
        }
        &'skene;help;completions'= {
        }
        &'skene;help;agent'= {
            cand run 'Run the agent in the foreground: forward database events to the workspace'
            cand listen 'Show database events as they happen (read-only; works offline)'
            cand secret 'Set, check or delete the workspace''s proxy secret'
            cand service 'Install, remove or check the OS service that keeps the agent running'
            cand release 'Give event delivery back to pg_net: re-enable its webhook trigger'
        }
        &'skene;help;agent;run'= {
        }
        &'skene;help;agent;listen'= {
        }
        &'skene;help;agent;secret'= {
            cand set 'Store the proxy secret (masked prompt, or standard input)'
            cand status 'Say whether a proxy secret is set and where it comes from (never the secret)'
            cand delete 'Delete the stored proxy secret'
        }
        &'skene;help;agent;secret;set'= {
        }
        &'skene;help;agent;secret;status'= {
        }
        &'skene;help;agent;secret;delete'= {
        }
        &'skene;help;agent;service'= {
            cand install 'Write the service file for `skene agent run` in this directory, and start it'
            cand uninstall 'Stop the service and remove its file'
            cand status 'Say whether the service is installed and running'
        }
        &'skene;help;agent;service;install'= {
        }
        &'skene;help;agent;service;uninstall'= {
        }
        &'skene;help;agent;service;status'= {
        }
        &'skene;help;agent;release'= {
        }
        &'skene;help;help'= {
        }
    ]
    $completions[$command]
}
