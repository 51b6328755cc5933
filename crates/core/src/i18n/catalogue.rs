//! Every sentence the panel shows or announces, in English and in Portuguese (Brazil).
//!
//! Grouped by where the person meets them. A text that takes arguments is a `format!`; one
//! that depends on a number decides in a `match`, the same way in both languages.

use super::{count_text, define_catalogue, Locale};

define_catalogue! {
    // The panel's frame and signing in.

    /// The panel's title.
    title() { en: "Snapshots", pt: "Snapshots" }
    /// Before the signed-in person's name.
    signed_in_as() { en: "Signed in as ", pt: "Conectado como " }
    sign_out() { en: "Sign out", pt: "Sair" }
    connecting() { en: "Connecting to the API…", pt: "Conectando à API…" }
    api_unreachable() {
        en: "The API couldn't be reached",
        pt: "Não foi possível acessar a API",
    }
    session_ended_sign_in() {
        en: "Your session has ended. Sign in again to carry on where you were.",
        pt: "Sua sessão terminou. Entre de novo para continuar de onde parou.",
    }
    proxy_token_refused() {
        en: "The API refused the token that the proxy in front of it adds. Ask whoever runs this panel to check the proxy's token.",
        pt: "A API recusou o token que o proxy à frente dela adiciona. Peça a quem administra este painel que verifique o token do proxy.",
    }
    host_token_refused() {
        en: "The API refused the token the page gave. Waiting for a new one from the page…",
        pt: "A API recusou o token que a página forneceu. Aguardando um novo da página…",
    }
    /// How far reading every snapshot has come.
    rows_read(read: usize, count: u64) {
        en: format!("{read} of {count} snapshots read"),
        pt: format!("{read} de {count} snapshots lidos"),
    }
    shown_once_token_accepted() {
        en: "The snapshots will show once the API accepts a token.",
        pt: "Os snapshots aparecerão quando a API aceitar um token.",
    }
    host_token_awaited() {
        en: "Waiting for the page to give an API token…",
        pt: "Aguardando a página fornecer um token da API…",
    }
    misconfigured() {
        en: "Snapshot Panel is misconfigured",
        pt: "O Snapshot Panel está mal configurado",
    }
    misconfigured_fix() {
        en: "Fix it where the page gives it: the options of mount(), the attributes of the panel's element, or a <meta name=\"snapshot-panel:…\"> tag. A new mount() or a changed attribute applies at once; a meta tag, after a reload.",
        pt: "Corrija onde a página a define: nas opções de mount(), nos atributos do elemento do painel ou numa tag <meta name=\"snapshot-panel:…\">. Um novo mount() ou um atributo alterado vale na hora; uma tag meta, depois de recarregar.",
    }
    setting_error(name: &str, value: &str, expected: &str) {
        en: format!("The setting “{name}” is “{value}”, but it must be {expected}."),
        pt: format!("A configuração “{name}” está como “{value}”, mas deve ser {expected}."),
    }
    expect_api_base() {
        en: "a path such as /api/v1/ or a URL such as https://admin.vps.org/api/v1/",
        pt: "um caminho como /api/v1/ ou uma URL como https://admin.vps.org/api/v1/",
    }
    expect_auth() { en: "one of auto, token, proxy or host", pt: "auto, token, proxy ou host" }
    expect_server_id() {
        en: "a server's number, such as 12345",
        pt: "o número de um servidor, como 12345",
    }
    expect_timeout() {
        en: "a number of milliseconds between 1000 and 120000",
        pt: "um número de milissegundos entre 1000 e 120000",
    }
    expect_routing() { en: "on or off", pt: "on ou off" }
    expect_poll() {
        en: "auto, or a number of seconds between 1 and 300",
        pt: "auto, ou um número de segundos entre 1 e 300",
    }
    expect_locale() { en: "auto, en or pt-BR", pt: "auto, en ou pt-BR" }
    sign_in() { en: "Sign in", pt: "Entrar" }
    sign_in_intro() {
        en: "Sign in with an API token from your VPS.org account (it starts with vps_).",
        pt: "Entre com um token de API da sua conta VPS.org (ele começa com vps_).",
    }
    token_not_accepted() {
        en: "That token was not accepted. Check it and try again.",
        pt: "Esse token não foi aceito. Confira e tente de novo.",
    }
    /// A character a token cannot hold, typed or pasted in one.
    token_character(character: &str) {
        en: format!("“{character}” can't be part of a token. Check it and try again."),
        pt: format!("“{character}” não pode fazer parte de um token. Confira e tente de novo."),
    }
    token_space() {
        en: "The token has a space inside it, which a token can't have. Check it and try again.",
        pt: "O token tem um espaço no meio, que um token não pode ter. Confira e tente de novo.",
    }
    /// A character that shows as nothing inside a token, by its code point.
    token_invisible(code_point: &str) {
        en: format!("The token has an invisible character ({code_point}) inside it, which a token can't have. Copy it again from your VPS.org account."),
        pt: format!("O token tem um caractere invisível ({code_point}) no meio, que um token não pode ter. Copie-o de novo da sua conta VPS.org."),
    }
    api_token() { en: "API token", pt: "Token da API" }
    remember_in_tab() { en: "Remember in this tab", pt: "Lembrar nesta aba" }
    remember_hint() {
        en: "Unticked, the token is forgotten when you leave or reload. Ticked, it is kept until this tab closes.",
        pt: "Desmarcado, o token é esquecido quando você sai ou recarrega a página. Marcado, ele fica guardado até esta aba ser fechada.",
    }
    checking() { en: "Checking…", pt: "Verificando…" }

    // The page: its head, toolbar, notes and notices.

    all_servers() { en: "All servers", pt: "Todos os servidores" }
    back_to_all_servers() { en: "← All servers", pt: "← Todos os servidores" }
    breadcrumb() { en: "Breadcrumb", pt: "Trilha de navegação" }
    /// A server the API gave no name.
    unnamed_server(id: u64) { en: format!("Server {id}"), pt: format!("Servidor {id}") }
    filter_label() { en: "Filter servers and snapshots", pt: "Filtrar servidores e snapshots" }
    new_snapshot_ellipsis() { en: "New snapshot…", pt: "Novo snapshot…" }
    refresh() { en: "Refresh", pt: "Atualizar" }
    /// Refresh while the load it started (or any full load) is on its way.
    refreshing() { en: "Refreshing…", pt: "Atualizando…" }
    /// How fresh the data on screen is.
    updated_ago(secs: u64) {
        en: match secs {
            0..5 => "updated just now".to_owned(),
            5..60 => format!("updated {secs} s ago"),
            60..3600 => format!("updated {} min ago", secs / 60),
            _ => format!("updated {} h ago", secs / 3600),
        },
        pt: match secs {
            0..5 => "atualizado agora mesmo".to_owned(),
            5..60 => format!("atualizado há {secs} s"),
            60..3600 => format!("atualizado há {} min", secs / 60),
            _ => format!("atualizado há {} h", secs / 3600),
        },
    }
    loading_snapshots() { en: "Loading snapshots…", pt: "Carregando snapshots…" }
    snapshots_load_failed() {
        en: "The snapshots couldn't be loaded",
        pt: "Não foi possível carregar os snapshots",
    }
    /// Announced when typing in the filter pauses.
    filter_matches(snapshots: usize, servers: usize) {
        en: match (snapshots, servers) {
            (0, 1) => "1 server matches; it has no snapshots.".to_owned(),
            (0, m) => format!("{} servers match; they have no snapshots.", count_text(Locale::En, m)),
            (1, _) => "1 snapshot matches.".to_owned(),
            (n, 1) => format!("{} snapshots match, on 1 server.", count_text(Locale::En, n)),
            (n, m) => format!("{} snapshots match, on {} servers.", count_text(Locale::En, n), count_text(Locale::En, m)),
        },
        pt: match (snapshots, servers) {
            (0, 1) => "1 servidor corresponde; ele não tem snapshots.".to_owned(),
            (0, m) => format!("{} servidores correspondem; eles não têm snapshots.", count_text(Locale::PtBr, m)),
            (1, _) => "1 snapshot corresponde.".to_owned(),
            (n, 1) => format!("{} snapshots correspondem, em 1 servidor.", count_text(Locale::PtBr, n)),
            (n, m) => format!("{} snapshots correspondem, em {} servidores.", count_text(Locale::PtBr, n), count_text(Locale::PtBr, m)),
        },
    }
    nothing_matches(filter: &str) {
        en: format!("No server or snapshot matches “{filter}”."),
        pt: format!("Nenhum servidor ou snapshot corresponde a “{filter}”."),
    }
    /// The heading at an address the panel does not know.
    page_not_found() { en: "Page not found", pt: "Página não encontrada" }
    no_page_at(path: &str) {
        en: format!("There is no page at “{path}”."),
        pt: format!("Não há nenhuma página em “{path}”."),
    }
    no_servers() { en: "No servers in this account yet.", pt: "Ainda não há servidores nesta conta." }
    try_again() { en: "Try again", pt: "Tentar de novo" }
    try_again_now() { en: "Try again now", pt: "Tentar de novo agora" }
    couldnt_refresh(why: &str) {
        en: format!("Couldn't refresh: {why} What you see may be out of date."),
        pt: format!("Não foi possível atualizar: {why} O que você vê pode estar desatualizado."),
    }
    retrying_read() {
        en: "The API didn't answer properly; trying again…",
        pt: "A API não respondeu direito; tentando de novo…",
    }
    skipped_items(count: usize) {
        en: match count {
            1 => "1 item from the API could not be read and is not shown.".to_owned(),
            n => format!("{n} items from the API could not be read and are not shown."),
        },
        pt: match count {
            1 => "1 item da API não pôde ser lido e não é mostrado.".to_owned(),
            n => format!("{n} itens da API não puderam ser lidos e não são mostrados."),
        },
    }
    servers_not_loaded() {
        en: "Server details could not be loaded, so servers are grouped by their snapshots, and servers without snapshots are not listed.",
        pt: "Não foi possível carregar os detalhes dos servidores; por isso eles estão agrupados pelos seus snapshots, e servidores sem snapshots não aparecem.",
    }
    list_incomplete() {
        en: "The API's list is longer than the panel reads, so some snapshots may be missing and a server's count may be short. Open one server to see all of its snapshots.",
        pt: "A lista da API é mais longa do que o painel lê, então alguns snapshots podem estar faltando e a contagem de um servidor pode estar abaixo da real. Abra um servidor para ver todos os snapshots dele.",
    }
    notices() { en: "Notices", pt: "Avisos" }
    dismiss(notice: &str) { en: format!("Dismiss: {notice}"), pt: format!("Dispensar: {notice}") }

    // A server's section and its table.

    at_limit() {
        en: "This server has the most snapshots it can have. To take a new one, delete one first. ",
        pt: "Este servidor já tem o máximo de snapshots permitido. Para fazer um novo, exclua um antes. ",
    }
    delete_oldest(name: &str) {
        en: format!("Delete the oldest, {name}…"),
        pt: format!("Excluir o mais antigo, {name}…"),
    }
    new_snapshot() { en: "New snapshot", pt: "Novo snapshot" }
    /// Heard after "New snapshot" on a server's button.
    of_server(server: &str) { en: format!("of {server}"), pt: format!("de {server}") }
    slots(used: usize, limit: usize) {
        en: format!("{used} of {limit} snapshots"),
        pt: format!("{used} de {limit} snapshots"),
    }
    no_filter_match_here() {
        en: "No snapshots of this server match the filter.",
        pt: "Nenhum snapshot deste servidor corresponde ao filtro.",
    }
    no_snapshots_yet(server: &str) {
        en: format!("{server} has no snapshots yet. "),
        pt: format!("{server} ainda não tem snapshots. "),
    }
    take_first_snapshot(server: &str) {
        en: format!("Take the first snapshot of {server}"),
        pt: format!("Fazer o primeiro snapshot de {server}"),
    }
    snapshots_of(server: &str) {
        en: format!("Snapshots of {server}"),
        pt: format!("Snapshots de {server}"),
    }
    name() { en: "Name", pt: "Nome" }
    status() { en: "Status", pt: "Status" }
    size() { en: "Size", pt: "Tamanho" }
    created() { en: "Created", pt: "Criado" }
    description() { en: "Description", pt: "Descrição" }
    actions() { en: "Actions", pt: "Ações" }
    restore() { en: "Restore", pt: "Restaurar" }
    delete() { en: "Delete", pt: "Excluir" }
    no_description() { en: "No description", pt: "Sem descrição" }
    unknown() { en: "Unknown", pt: "Desconhecido" }
    /// A time less than a minute ago.
    just_now() { en: "just now", pt: "agora mesmo" }
    /// How long ago, in the unit `format::relative` chose; the count is never 0.
    minutes_ago(n: u64) {
        en: if n == 1 { "1 minute ago".to_owned() } else { format!("{n} minutes ago") },
        pt: if n == 1 { "há 1 minuto".to_owned() } else { format!("há {n} minutos") },
    }
    hours_ago(n: u64) {
        en: if n == 1 { "1 hour ago".to_owned() } else { format!("{n} hours ago") },
        pt: if n == 1 { "há 1 hora".to_owned() } else { format!("há {n} horas") },
    }
    /// A long elapsed time, in whole days.
    days(n: u64) {
        en: if n == 1 { "1 day".to_owned() } else { format!("{n} days") },
        pt: if n == 1 { "1 dia".to_owned() } else { format!("{n} dias") },
    }
    days_ago(n: u64) {
        en: if n == 1 { "1 day ago".to_owned() } else { format!("{n} days ago") },
        pt: if n == 1 { "há 1 dia".to_owned() } else { format!("há {n} dias") },
    }
    months_ago(n: u64) {
        en: if n == 1 { "1 month ago".to_owned() } else { format!("{n} months ago") },
        pt: if n == 1 { "há 1 mês".to_owned() } else { format!("há {n} meses") },
    }
    years_ago(n: u64) {
        en: if n == 1 { "1 year ago".to_owned() } else { format!("{n} years ago") },
        pt: if n == 1 { "há 1 ano".to_owned() } else { format!("há {n} anos") },
    }

    // Statuses.

    in_progress() { en: "In progress", pt: "Em andamento" }
    completed() { en: "Completed", pt: "Concluído" }
    failed() { en: "Failed", pt: "Falhou" }
    running() { en: "Running", pt: "Em execução" }
    stopped() { en: "Stopped", pt: "Parado" }
    suspended() { en: "Suspended", pt: "Suspenso" }
    restoring() { en: "Restoring", pt: "Restaurando" }
    status_unknown() { en: "Status unknown", pt: "Status desconhecido" }
    /// How long a job has run (`elapsed` is a clock, "4:05"), against the provider's window.
    progress(elapsed: &str, low: u64, high: u64) {
        en: format!("{elapsed} elapsed, usually {low}–{high} minutes"),
        pt: format!("{elapsed} decorridos, normalmente {low}–{high} minutos"),
    }
    /// The same, for a job found running, which has run at least `elapsed`.
    progress_at_least(elapsed: &str, low: u64, high: u64) {
        en: format!("at least {elapsed} elapsed, usually {low}–{high} minutes"),
        pt: format!("pelo menos {elapsed} decorridos, normalmente {low}–{high} minutos"),
    }
    overdue_at_least(elapsed: &str, low: u64, high: u64) {
        en: format!("at least {elapsed} elapsed: taking longer than the usual {low}–{high} minutes. Still checking."),
        pt: format!("pelo menos {elapsed} decorridos: está demorando mais que os {low}–{high} minutos de costume. Ainda verificando."),
    }
    overdue(elapsed: &str, low: u64, high: u64) {
        en: format!("{elapsed} elapsed: taking longer than the usual {low}–{high} minutes. Still checking."),
        pt: format!("{elapsed} decorridos: está demorando mais que os {low}–{high} minutos de costume. Ainda verificando."),
    }

    // Why an action is not open.

    blocked_another_waits() {
        en: "Another restore is on its way (waiting for its safety snapshot, or being sent). This one can be confirmed once that one has been sent or cancelled.",
        pt: "Outra restauração está a caminho (esperando o snapshot de segurança, ou sendo enviada). Esta pode ser confirmada depois que aquela for enviada ou cancelada.",
    }
    blocked_restoring() {
        en: "The server is being restored; wait until it has finished.",
        pt: "O servidor está sendo restaurado; aguarde até terminar.",
    }
    blocked_still_creating() {
        en: "This snapshot is still being created; it can be restored once it is completed.",
        pt: "Este snapshot ainda está sendo criado; ele poderá ser restaurado quando estiver concluído.",
    }
    blocked_failed() {
        en: "This snapshot failed, so there is nothing to restore.",
        pt: "Este snapshot falhou, então não há nada para restaurar.",
    }
    blocked_not_completed() {
        en: "Only completed snapshots can be restored.",
        pt: "Só snapshots concluídos podem ser restaurados.",
    }
    blocked_full(count: usize, limit: usize) {
        en: format!("This server has {count} of {limit} snapshots, the most it can have. Delete one to make room."),
        pt: format!("Este servidor tem {count} de {limit} snapshots, o máximo permitido. Exclua um para abrir espaço."),
    }
    running_warning() {
        en: "This server is running. A snapshot of a running server may be inconsistent; the provider advises stopping the server first.",
        pt: "Este servidor está em execução. Um snapshot de um servidor em execução pode ficar inconsistente; o provedor recomenda parar o servidor antes.",
    }

    // The dialogs.

    cancel() { en: "Cancel", pt: "Cancelar" }
    new_snapshot_of(server: &str) {
        en: format!("New snapshot of {server}"),
        pt: format!("Novo snapshot de {server}"),
    }
    create_snapshot() { en: "Create snapshot", pt: "Criar snapshot" }
    creating() { en: "Creating…", pt: "Criando…" }
    server() { en: "Server", pt: "Servidor" }
    server_option(server: &str, count: usize, limit: usize) {
        en: format!("{server} ({count} of {limit})"),
        pt: format!("{server} ({count} de {limit})"),
    }
    name_hint(max: usize) {
        en: format!("Letters, digits, - and _; up to {max} characters."),
        pt: format!("Letras, dígitos, - e _; até {max} caracteres."),
    }
    optional() { en: "(optional)", pt: "(opcional)" }
    name_empty() { en: "Give the snapshot a name.", pt: "Dê um nome ao snapshot." }
    name_too_long(max: usize, chars: usize) {
        en: format!("Names can be at most {max} characters; this one has {chars}."),
        pt: format!("Nomes podem ter no máximo {max} caracteres; este tem {chars}."),
    }
    name_space() {
        en: "Spaces aren't allowed; use - or _",
        pt: "Espaços não são permitidos; use - ou _",
    }
    name_character(character: &str) {
        en: format!("“{character}” isn't allowed; use only letters A–Z, digits, - or _"),
        pt: format!("“{character}” não é permitido; use só letras A–Z, dígitos, - ou _"),
    }
    /// A character that shows as nothing, by its code point (`U+200B`).
    name_invisible(code_point: &str) {
        en: format!("An invisible character ({code_point}) isn't allowed; use only letters A–Z, digits, - or _"),
        pt: format!("Um caractere invisível ({code_point}) não é permitido; use só letras A–Z, dígitos, - ou _"),
    }
    description_too_long(max: usize, chars: usize) {
        en: format!("Descriptions can be at most {max} characters; this one has {chars}."),
        pt: format!("Descrições podem ter no máximo {max} caracteres; esta tem {chars}."),
    }
    restoring_ellipsis() { en: "Restoring…", pt: "Restaurando…" }
    restore_title(server: &str, snapshot: &str) {
        en: format!("Restore {server} from {snapshot}?"),
        pt: format!("Restaurar {server} a partir de {snapshot}?"),
    }
    cannot_be_undone() { en: "This cannot be undone.", pt: "Isso não pode ser desfeito." }
    will_be_stopped(server: &str) {
        en: format!("{server} will be stopped before the restore begins."),
        pt: format!("{server} será parado antes de a restauração começar."),
    }
    restore_takes() {
        en: "The restore takes 5 to 15 minutes.",
        pt: "A restauração leva de 5 a 15 minutos.",
    }
    /// What a restore overwrites; `exact` is a local date and time, `relative` how long ago.
    overwritten_since(server: &str, exact: &str, relative: &str) {
        en: format!("Everything written to {server} since {exact} ({relative}) will be overwritten."),
        pt: format!("Tudo o que foi gravado em {server} desde {exact} ({relative}) será sobrescrito."),
    }
    overwritten_since_snapshot(server: &str) {
        en: format!("Everything written to {server} since this snapshot was taken will be overwritten."),
        pt: format!("Tudo o que foi gravado em {server} desde que este snapshot foi feito será sobrescrito."),
    }
    newer_kept(server: &str) {
        en: format!("{server} has newer snapshots. They are kept, and you can restore one of them later:"),
        pt: format!("{server} tem snapshots mais recentes. Eles são mantidos, e você pode restaurar um deles depois:"),
    }
    type_to_confirm(phrase: &str) {
        en: format!("Type {phrase} to confirm"),
        pt: format!("Digite {phrase} para confirmar"),
    }
    /// Under the restore's confirmation field, when what is typed cannot become the phrase.
    confirm_mismatch(phrase: &str) {
        en: format!("This doesn't match {phrase}. Type it exactly as shown, with no spaces around it."),
        pt: format!("Isto não corresponde a {phrase}. Digite exatamente como mostrado, sem espaços em volta."),
    }
    // The safety snapshot a restore can take first.

    /// How a safety snapshot's name begins: letters and dashes only, as names must be.
    safety_name_prefix() { en: "before-restore", pt: "antes-de-restaurar" }
    safety_first() {
        en: "Take a snapshot of the current state first",
        pt: "Fazer antes um snapshot do estado atual",
    }
    safety_first_hint(snapshot: &str) {
        en: format!("It is named {snapshot}. The restore is sent once it has completed, which takes 3 to 10 minutes."),
        pt: format!("Ele se chamará {snapshot}. A restauração é enviada quando ele estiver concluído, o que leva de 3 a 10 minutos."),
    }
    safety_no_slot(server: &str, count: usize, max: usize) {
        en: format!("{server} already has {count} snapshots, the most it can keep ({max}), so no snapshot of its current state can be taken first. Delete one to make room, or restore without one."),
        pt: format!("{server} já tem {count} snapshots, o máximo que pode manter ({max}), então não é possível fazer antes um snapshot do estado atual. Exclua um para abrir espaço, ou restaure sem ele."),
    }
    safety_taking(snapshot: &str, server: &str) {
        en: format!("Taking the safety snapshot {snapshot}. The restore of {server} starts once it is ready."),
        pt: format!("Fazendo o snapshot de segurança {snapshot}. A restauração de {server} começa quando ele estiver pronto."),
    }
    /// The button that closes the restore dialog while the safety snapshot is taken.
    safety_in_background() { en: "Wait in the background", pt: "Esperar em segundo plano" }
    /// Under a server whose restore waits for its safety snapshot, the dialog closed.
    safety_waiting_here(from: &str, snapshot: &str) {
        en: format!("The restore from {from} waits for the safety snapshot {snapshot} and is sent once it is ready. Keep this page open."),
        pt: format!("A restauração a partir de {from} espera o snapshot de segurança {snapshot} e é enviada quando ele estiver pronto. Mantenha esta página aberta."),
    }
    /// Cancels the restore that waits for its safety snapshot, named by its server.
    cancel_restore_of(server: &str) {
        en: format!("Cancel the restore of {server}"),
        pt: format!("Cancelar a restauração de {server}"),
    }
    safety_keep_open() {
        en: "Keep this page open: if it is closed before the safety snapshot is ready, the restore is not sent.",
        pt: "Mantenha esta página aberta: se ela for fechada antes de o snapshot de segurança ficar pronto, a restauração não é enviada.",
    }
    waiting_ellipsis() { en: "Waiting…", pt: "Aguardando…" }
    safety_failed(snapshot: &str, server: &str) {
        en: format!("The safety snapshot {snapshot} failed, so the restore was not sent and {server} is unchanged."),
        pt: format!("O snapshot de segurança {snapshot} falhou, então a restauração não foi enviada e {server} não foi alterado."),
    }
    safety_gone(snapshot: &str, server: &str) {
        en: format!("The safety snapshot {snapshot} is no longer listed, so the restore was not sent and {server} is unchanged."),
        pt: format!("O snapshot de segurança {snapshot} não aparece mais na lista, então a restauração não foi enviada e {server} não foi alterado."),
    }
    safety_unknown(snapshot: &str, status: &str, server: &str) {
        en: format!("The safety snapshot {snapshot} has the status “{status}”, which the panel doesn't know, so the restore was not sent and {server} is unchanged."),
        pt: format!("O snapshot de segurança {snapshot} tem o status “{status}”, que o painel não conhece, então a restauração não foi enviada e {server} não foi alterado."),
    }
    /// The safety snapshot's description, as the API stores it.
    safety_description(snapshot: &str) {
        en: format!("Taken by the panel before restoring from {snapshot}."),
        pt: format!("Feito pelo painel antes de restaurar a partir de {snapshot}."),
    }
    safety_not_taken(reason: &str) {
        en: format!("The safety snapshot could not be taken, so the restore was not sent. {reason}"),
        pt: format!("Não foi possível fazer o snapshot de segurança, então a restauração não foi enviada. {reason}"),
    }
    /// A safety snapshot whose create's answer went missing (`reason` says what the API shows).
    safety_not_confirmed(reason: &str) {
        en: format!("The safety snapshot isn't confirmed, so the restore was not sent. {reason}"),
        pt: format!("O snapshot de segurança não foi confirmado, então a restauração não foi enviada. {reason}"),
    }
    safety_cancelled(server: &str, snapshot: &str) {
        en: format!("The restore of {server} was cancelled and not sent. The safety snapshot {snapshot} is kept."),
        pt: format!("A restauração de {server} foi cancelada e não foi enviada. O snapshot de segurança {snapshot} é mantido."),
    }
    delete_snapshot() { en: "Delete snapshot", pt: "Excluir snapshot" }
    deleting() { en: "Deleting…", pt: "Excluindo…" }
    delete_title(snapshot: &str) { en: format!("Delete {snapshot}?"), pt: format!("Excluir {snapshot}?") }
    delete_warning(snapshot: &str, server: &str) {
        en: format!("The snapshot {snapshot} of {server} will be deleted permanently. This cannot be undone."),
        pt: format!("O snapshot {snapshot} de {server} será excluído permanentemente. Isso não pode ser desfeito."),
    }

    // What the panel says when something happened.

    /// Said of a new snapshot when the API's answer has no words of its own.
    being_created() {
        en: "Snapshot is being created. This may take 3-10 minutes.",
        pt: "O snapshot está sendo criado. Isso pode levar de 3 a 10 minutos.",
    }
    being_restored() {
        en: "Server is being restored from snapshot. This may take 5-15 minutes.",
        pt: "O servidor está sendo restaurado a partir do snapshot. Isso pode levar de 5 a 15 minutos.",
    }
    /// A notice about one thing: "web-server-01: Snapshot is being created."
    about(subject: &str, news: &str) { en: format!("{subject}: {news}"), pt: format!("{subject}: {news}") }
    already_gone(snapshot: &str) {
        en: format!("Snapshot {snapshot} was already gone; it has been taken off the list."),
        pt: format!("O snapshot {snapshot} já não existia; ele foi retirado da lista."),
    }
    deleted(snapshot: &str) {
        en: format!("Snapshot {snapshot} was deleted."),
        pt: format!("O snapshot {snapshot} foi excluído."),
    }
    snapshot_ready(snapshot: &str, server: &str) {
        en: format!("Snapshot {snapshot} of {server} is ready."),
        pt: format!("O snapshot {snapshot} de {server} está pronto."),
    }
    snapshot_failed(snapshot: &str, server: &str) {
        en: format!("Snapshot {snapshot} of {server} failed."),
        pt: format!("O snapshot {snapshot} de {server} falhou."),
    }
    snapshot_now(snapshot: &str, server: &str, status: &str) {
        en: format!("Snapshot {snapshot} of {server} is now {status}."),
        pt: format!("O snapshot {snapshot} de {server} agora está com status {status}."),
    }
    restored(server: &str, status: &str) {
        en: format!("{server} has been restored and is {status}."),
        pt: format!("{server} foi restaurado e está com status {status}."),
    }
    server_gone(server: &str) {
        en: format!("{server} is no longer in this account; it has been taken off the list."),
        pt: format!("{server} não está mais nesta conta; ele foi retirado da lista."),
    }

    // Deleting several at once.

    select(snapshot: &str) { en: format!("Select {snapshot}"), pt: format!("Selecionar {snapshot}") }
    /// Beside a server's box on a phone, where the column heads are hidden.
    select_all() { en: "Select all", pt: "Selecionar todos" }
    select_all_of(server: &str) {
        en: format!("Select all snapshots of {server}"),
        pt: format!("Selecionar todos os snapshots de {server}"),
    }
    delete_selected(count: usize) {
        en: format!("Delete selected ({count})"),
        pt: format!("Excluir selecionados ({count})"),
    }
    bulk_title(count: usize) {
        en: match count {
            1 => "Delete 1 snapshot?".to_owned(),
            n => format!("Delete {n} snapshots?"),
        },
        pt: match count {
            1 => "Excluir 1 snapshot?".to_owned(),
            n => format!("Excluir {n} snapshots?"),
        },
    }
    bulk_warning(count: usize) {
        en: match count {
            1 => "This snapshot will be deleted permanently. This cannot be undone.",
            _ => "These snapshots will be deleted permanently, one at a time. This cannot be undone.",
        },
        pt: match count {
            1 => "Este snapshot será excluído permanentemente. Isso não pode ser desfeito.",
            _ => "Estes snapshots serão excluídos permanentemente, um de cada vez. Isso não pode ser desfeito.",
        },
    }
    bulk_left_out(count: usize) {
        en: match count {
            1 => "1 selected snapshot is left out: its server is being restored, and nothing can be deleted from it until that has finished.".to_owned(),
            n => format!("{n} selected snapshots are left out: their server is being restored, and nothing can be deleted from it until that has finished."),
        },
        pt: match count {
            1 => "1 snapshot selecionado fica de fora: o servidor dele está sendo restaurado, e nada pode ser excluído dele até terminar.".to_owned(),
            n => format!("{n} snapshots selecionados ficam de fora: o servidor deles está sendo restaurado, e nada pode ser excluído dele até terminar."),
        },
    }
    bulk_submit(count: usize) {
        en: match count {
            1 => "Delete 1 snapshot".to_owned(),
            n => format!("Delete {n} snapshots"),
        },
        pt: match count {
            1 => "Excluir 1 snapshot".to_owned(),
            n => format!("Excluir {n} snapshots"),
        },
    }
    bulk_progress(done: usize, total: usize) {
        en: format!("{done} of {total} deleted"),
        pt: format!("{done} de {total} excluídos"),
    }
    bulk_waiting(done: usize, total: usize) {
        en: format!("{done} of {total} deleted; the API asked to wait, the next one follows when it allows"),
        pt: format!("{done} de {total} excluídos; a API pediu para esperar, o próximo segue quando ela permitir"),
    }
    bulk_all_deleted(count: usize) {
        en: match count {
            1 => "The snapshot was deleted.".to_owned(),
            2 => "Both snapshots were deleted.".to_owned(),
            n => format!("All {n} snapshots were deleted."),
        },
        pt: match count {
            1 => "O snapshot foi excluído.".to_owned(),
            2 => "Os dois snapshots foram excluídos.".to_owned(),
            n => format!("Todos os {n} snapshots foram excluídos."),
        },
    }
    bulk_some_failed(gone: usize, total: usize, failed: usize) {
        en: format!("{gone} of {total} deleted; {failed} could not be deleted:"),
        pt: match failed {
            1 => format!("{gone} de {total} excluídos; 1 não pôde ser excluído:"),
            n => format!("{gone} de {total} excluídos; {n} não puderam ser excluídos:"),
        },
    }
    bulk_stopped(gone: usize, total: usize, kept: usize) {
        en: match kept {
            1 => format!("Stopped: {gone} of {total} deleted; the other one was not deleted."),
            n => format!("Stopped: {gone} of {total} deleted; the other {n} were not deleted."),
        },
        pt: match kept {
            1 => format!("Interrompido: {gone} de {total} excluídos; o outro não foi excluído."),
            n => format!("Interrompido: {gone} de {total} excluídos; os outros {n} não foram excluídos."),
        },
    }
    bulk_stopped_some_failed(gone: usize, total: usize, kept: usize, failed: usize) {
        en: format!("Stopped: {gone} of {total} deleted, {kept} not tried; {failed} could not be deleted:"),
        pt: {
            let kept = match kept {
                1 => "1 não tentado".to_owned(),
                n => format!("{n} não tentados"),
            };
            let failed = match failed {
                1 => "1 não pôde ser excluído".to_owned(),
                n => format!("{n} não puderam ser excluídos"),
            };
            format!("Interrompido: {gone} de {total} excluídos, {kept}; {failed}:")
        },
    }
    /// Cancel, while the deletes run: it stops those not sent yet.
    stop() { en: "Stop", pt: "Parar" }
    stopping() { en: "Stopping…", pt: "Parando…" }
    close() { en: "Close", pt: "Fechar" }
    snapshot_of_server(snapshot: &str, server: &str) {
        en: format!("{snapshot} of {server}"),
        pt: format!("{snapshot} de {server}"),
    }

    // Notifications.

    notify_me() {
        en: "Notify me when a snapshot or restore is done",
        pt: "Avisar quando um snapshot ou restauração terminar",
    }
    notify_on() {
        en: "You'll get a notification when a create or restore ends while this tab is in the background.",
        pt: "Você receberá uma notificação quando uma criação ou restauração terminar com esta aba em segundo plano.",
    }
    notify_asking() {
        en: "Your browser is asking whether the panel may show notifications…",
        pt: "Seu navegador está perguntando se o painel pode mostrar notificações…",
    }
    notify_denied() {
        en: "Notifications are blocked for this site in your browser, so the panel cannot show them and will not ask again. You can allow them in the browser's site settings.",
        pt: "As notificações estão bloqueadas para este site no seu navegador, então o painel não pode mostrá-las e não vai perguntar de novo. Você pode permiti-las nas configurações do site no navegador.",
    }
    notify_unsupported() {
        en: "This browser cannot show notifications here.",
        pt: "Este navegador não pode mostrar notificações aqui.",
    }

    // About snapshots: the provider's rules.

    about_snapshots() { en: "About snapshots", pt: "Sobre snapshots" }
    about_limit(limit: usize) {
        en: format!("Each server can have up to {limit} snapshots."),
        pt: format!("Cada servidor pode ter até {limit} snapshots."),
    }
    about_durations() {
        en: "Taking a snapshot takes 3 to 10 minutes; restoring one, 5 to 15.",
        pt: "Fazer um snapshot leva de 3 a 10 minutos; restaurar um, de 5 a 15.",
    }
    about_restore() {
        en: "A restore stops the server, then overwrites all of its current data with the snapshot's. It cannot be undone.",
        pt: "Uma restauração para o servidor e depois sobrescreve todos os dados atuais dele com os do snapshot. Ela não pode ser desfeita.",
    }
    about_consistency() {
        en: "A snapshot of a running server may leave its filesystem inconsistent: for a consistent one, stop the server first.",
        pt: "Um snapshot de um servidor em execução pode deixar o sistema de arquivos inconsistente: para um snapshot consistente, pare o servidor antes.",
    }
    about_backups() {
        en: "Snapshots are a quick way back to a point in time, before an update or a configuration change, and they are kept on the same infrastructure as the server. For long-term protection, disaster recovery or compliance, use backups, which are stored separately.",
        pt: "Snapshots são um jeito rápido de voltar a um ponto no tempo, antes de uma atualização ou de uma mudança de configuração, e ficam na mesma infraestrutura do servidor. Para proteção de longo prazo, recuperação de desastres ou conformidade, use backups, que são armazenados separadamente.",
    }

    // Errors.

    err_unauthorized() {
        en: "The API refused the token: it may have expired or been revoked.",
        pt: "A API recusou o token: ele pode ter expirado ou sido revogado.",
    }
    err_forbidden_because(detail: &str) {
        en: format!("Not allowed: {detail}"),
        pt: format!("Não permitido: {detail}"),
    }
    err_forbidden() {
        en: "Not allowed: this token doesn't have the permission for that.",
        pt: "Não permitido: este token não tem permissão para isso.",
    }
    err_not_found() {
        en: "It isn't there any more: it may have been deleted elsewhere.",
        pt: "Isso não existe mais: pode ter sido excluído em outro lugar.",
    }
    err_no_such_server(id: u64) {
        en: format!("There is no server {id} in this account."),
        pt: format!("Não há nenhum servidor {id} nesta conta."),
    }
    err_refused_because(first: &str) {
        en: format!("The API refused this: {first}"),
        pt: format!("A API recusou isto: {first}"),
    }
    err_refused() { en: "The API refused this request.", pt: "A API recusou esta solicitação." }
    err_refused_status(status: u16) {
        en: format!("The API refused this request (HTTP {status})."),
        pt: format!("A API recusou esta solicitação (HTTP {status})."),
    }
    err_limit(limit: usize) {
        en: format!("This server already has {limit} snapshots, the most it can have. Delete one to make room."),
        pt: format!("Este servidor já tem {limit} snapshots, o máximo permitido. Exclua um para abrir espaço."),
    }
    err_busy_retrying_in(wait: &str) {
        en: format!("The API is busy; trying again in {wait}."),
        pt: format!("A API está ocupada; tentando de novo em {wait}."),
    }
    err_busy_retrying() {
        en: "The API is busy; trying again shortly.",
        pt: "A API está ocupada; tentando de novo em breve.",
    }
    err_busy_try_in(wait: &str) {
        en: format!("The API is busy; try again in {wait}."),
        pt: format!("A API está ocupada; tente de novo em {wait}."),
    }
    err_busy_try() {
        en: "The API is busy; try again in a moment.",
        pt: "A API está ocupada; tente de novo daqui a pouco.",
    }
    err_server(status: u16) {
        en: format!("The API is having trouble (HTTP {status}). Nothing was lost; try again in a moment."),
        pt: format!("A API está com problemas (HTTP {status}). Nada foi perdido; tente de novo daqui a pouco."),
    }
    err_offline() {
        en: "You're offline. The panel will carry on when you're back.",
        pt: "Você está sem conexão. O painel continua quando a conexão voltar.",
    }
    /// A change asked for while offline: it was not sent, and is not sent later on its own.
    err_offline_not_sent() {
        en: "You're offline, so nothing was sent. Try again once you're back online.",
        pt: "Você está sem conexão, então nada foi enviado. Tente de novo quando a conexão voltar.",
    }
    err_network() {
        en: "Couldn't reach the API. Check your connection, or the proxy in front of the API.",
        pt: "Não foi possível acessar a API. Verifique sua conexão ou o proxy à frente da API.",
    }
    err_timeout() {
        en: "The API took too long to answer. Try again.",
        pt: "A API demorou demais para responder. Tente de novo.",
    }
    err_malformed(status: u16) {
        en: format!("The API sent an answer the panel couldn't read (HTTP {status}). Try again; if it keeps happening, the API or the proxy may be misconfigured."),
        pt: format!("A API enviou uma resposta que o painel não conseguiu ler (HTTP {status}). Tente de novo; se continuar acontecendo, a API ou o proxy pode estar mal configurado."),
    }
    err_answer_lost() {
        en: "The API's answer was lost on the way.",
        pt: "A resposta da API se perdeu no caminho.",
    }
    err_answer_late() {
        en: "The API didn't answer in time.",
        pt: "A API não respondeu a tempo.",
    }
    err_answer_failed(status: u16) {
        en: format!("The API failed while answering (HTTP {status})."),
        pt: format!("A API falhou ao responder (HTTP {status})."),
    }
    err_not_created(server: &str, snapshot: &str) {
        en: format!("The list of {server} shows no new {snapshot}, so it was not created. You can try again."),
        pt: format!("A lista de {server} não mostra nenhum {snapshot} novo, então ele não foi criado. Você pode tentar de novo."),
    }
    err_not_created_yet(server: &str, snapshot: &str) {
        en: format!("The list of {server} doesn't show {snapshot} yet, but the API may still create it. You can try again: the panel will look for it first, and send it only if it still isn't there."),
        pt: format!("A lista de {server} ainda não mostra {snapshot}, mas a API ainda pode criá-lo. Você pode tentar de novo: o painel procura por ele primeiro e só o envia se ele ainda não estiver lá."),
    }
    err_not_restored(server: &str, status: &str) {
        en: format!("{server} is {status}, not restoring, so the restore did not start. You can try again."),
        pt: format!("{server} está com status {status}, não restaurando, então a restauração não começou. Você pode tentar de novo."),
    }
    err_not_restored_yet(server: &str, status: &str) {
        en: format!("{server} is {status}, not restoring, but the API may still start the restore. You can try again: the panel will look first, and send it only if the server still isn't restoring."),
        pt: format!("{server} está com status {status}, não restaurando, mas a API ainda pode iniciar a restauração. Você pode tentar de novo: o painel verifica primeiro e só a envia se o servidor ainda não estiver restaurando."),
    }
    err_not_deleted(snapshot: &str) {
        en: format!("{snapshot} is still listed, so it was not deleted. You can try again."),
        pt: format!("{snapshot} ainda aparece na lista, então não foi excluído. Você pode tentar de novo."),
    }
    err_not_deleted_yet(snapshot: &str) {
        en: format!("{snapshot} is still listed, but the API may still delete it. You can try again: the panel will look first."),
        pt: format!("{snapshot} ainda aparece na lista, mas a API ainda pode excluí-lo. Você pode tentar de novo: o painel verifica primeiro."),
    }
    err_server_changed(server: &str) {
        en: format!("{server} isn't restoring, but it has changed since the panel last looked: the restore may have run already. Check the server; if you press Restore again, it is sent."),
        pt: format!("{server} não está restaurando, mas mudou desde a última verificação do painel: a restauração pode já ter acontecido. Verifique o servidor; se você pressionar Restaurar de novo, ela será enviada."),
    }
    err_unchecked() {
        en: "The panel couldn't check what happened either. You can try again: the panel will look first, so that nothing is done twice.",
        pt: "O painel também não conseguiu verificar o que aconteceu. Você pode tentar de novo: o painel verifica primeiro, para que nada seja feito duas vezes.",
    }
    /// The start of an answer that could not be read.
    err_it_began(excerpt: &str) {
        en: format!("It began: “{excerpt}”"),
        pt: format!("Ela começava assim: “{excerpt}”"),
    }
    err_foreign_link() {
        en: "The API's list continues at an address outside the API, and the panel doesn't send your token there. The API or the proxy may be misconfigured.",
        pt: "A lista da API continua em um endereço fora da API, e o painel não envia seu token para lá. A API ou o proxy pode estar mal configurado.",
    }
}

/// The months' names as a date is written ("15 Jan 2025", "15 jan. 2025"), January first.
const MONTHS_EN: [&str; 12] = crate::time::MONTHS;
const MONTHS_PT: [&str; 12] = [
    "jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez.",
];

/// How figures and dates are written: the marks and names that are not sentences.
impl super::Locale {
    /// The short name of `month` (1 for January) in a written date; `None` outside 1 to 12.
    pub fn month_short(self, month: u32) -> Option<&'static str> {
        let names = match self {
            Self::En => &MONTHS_EN,
            Self::PtBr => &MONTHS_PT,
        };
        names
            .get(usize::try_from(month.checked_sub(1)?).ok()?)
            .copied()
    }

    /// What separates a figure's decimals: "5.0 GB", "5,0 GB".
    pub fn decimal_mark(self) -> char {
        match self {
            Self::En => '.',
            Self::PtBr => ',',
        }
    }

    /// What groups a figure's thousands: "1,023 MB", "1.023 MB".
    pub fn thousands_mark(self) -> char {
        match self {
            Self::En => ',',
            Self::PtBr => '.',
        }
    }
}
