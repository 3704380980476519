
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
            cand agent 'The local agent: the workspace''s Agent as an OpenAI-compatible endpoint on 127.0.0.1'
            cand auth 'Inspect and manage stored logins'
            cand completions 'Print a shell completion script'
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
            cand run 'Run the local agent in the foreground (Ctrl-C or SIGTERM stops it)'
            cand status 'Show what the running agent is doing (exit 3 when none runs)'
            cand env 'Print the variables that point OpenAI SDKs and tools at the agent''s gateway'
            cand token 'Manage the local token that tools show the agent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;agent;run'= {
            cand --gateway-port 'The gateway''s port on 127.0.0.1 [default: 4917, or a free port when it is taken; 0: any free port]'
            cand --allow-origin 'Let web pages of ORIGIN (e.g. http://localhost:3000) call the gateway; repeatable'
            cand --upstream 'Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base'
            cand --api-url 'API base URL, used verbatim; wins over --upstream'
            cand --workspace 'Saved login to use (its workspace slug, or a profile name from `skene auth status`)'
            cand --color 'When to use colors on stderr (NO_COLOR is honoured)'
            cand --gateway-only 'Run the gateway alone, without the event forwarder'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)'
            cand --no-input 'Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'skene;agent;status'= {
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
        &'skene;agent;env'= {
            cand --format 'The syntax to print'
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
        &'skene;agent;token'= {
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
            cand rotate 'Replace the local token: tools that hold the old one are refused from now on'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;agent;token;rotate'= {
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
        &'skene;agent;token;help'= {
            cand rotate 'Replace the local token: tools that hold the old one are refused from now on'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;agent;token;help;rotate'= {
        }
        &'skene;agent;token;help;help'= {
        }
        &'skene;agent;help'= {
            cand run 'Run the local agent in the foreground (Ctrl-C or SIGTERM stops it)'
            cand status 'Show what the running agent is doing (exit 3 when none runs)'
            cand env 'Print the variables that point OpenAI SDKs and tools at the agent''s gateway'
            cand token 'Manage the local token that tools show the agent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'skene;agent;help;run'= {
        }
        &'skene;agent;help;status'= {
        }
        &'skene;agent;help;env'= {
        }
        &'skene;agent;help;token'= {
            cand rotate 'Replace the local token: tools that hold the old one are refused from now on'
        }
        &'skene;agent;help;token;rotate'= {
        }
        &'skene;agent;help;help'= {
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
            cand agent 'The local agent: the workspace''s Agent as an OpenAI-compatible endpoint on 127.0.0.1'
            cand auth 'Inspect and manage stored logins'
            cand completions 'Print a shell completion script'
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
        &'skene;help;agent'= {
            cand run 'Run the local agent in the foreground (Ctrl-C or SIGTERM stops it)'
            cand status 'Show what the running agent is doing (exit 3 when none runs)'
            cand env 'Print the variables that point OpenAI SDKs and tools at the agent''s gateway'
            cand token 'Manage the local token that tools show the agent'
        }
        &'skene;help;agent;run'= {
        }
        &'skene;help;agent;status'= {
        }
        &'skene;help;agent;env'= {
        }
        &'skene;help;agent;token'= {
            cand rotate 'Replace the local token: tools that hold the old one are refused from now on'
        }
        &'skene;help;agent;token;rotate'= {
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
        &'skene;help;help'= {
        }
    ]
    $completions[$command]
}
