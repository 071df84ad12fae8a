-- Headless Neovim (Debian 12 ships 0.7: vim.lsp.start_client, no vim.lsp.start) drives the
-- language server over stdio, as any LSP editor does. Prints "ok <check>" / "not ok <check>".
-- Env: LSP_CMD (the server command line), DOCKERFILE (a copy of test/e2e/workspace/rename.Dockerfile
-- with a misspelt reference appended).
local function out(...) io.stdout:write(table.concat({ ... }, ' ') .. '\n') end
local all_ok = true
local function check(name, cond, detail)
  out((cond and 'ok ' or 'not ok ') .. name .. (detail and (' # ' .. detail) or ''))
  all_ok = all_ok and cond
end

local file = os.getenv('DOCKERFILE')
vim.cmd('edit ' .. file)
vim.bo.filetype = 'dockerfile'
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'dockerfile-stages',
  cmd = vim.split(os.getenv('LSP_CMD'), ' ', { trimempty = true }),
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)
vim.wait(10000, function() return client.initialized end, 20)
check('initialize', client.initialized == true)

local uri = vim.uri_from_bufnr(bufnr)
local function request(method, params)
  local res = vim.lsp.buf_request_sync(bufnr, method, params, 10000) or {}
  for _, r in pairs(res) do return r.result, r.err end
end
local function at(line, character) return { textDocument = { uri = uri }, position = { line = line, character = character } } end

vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
local codes = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code
  table.insert(codes, tostring(code) .. '@' .. d.lnum)
end
check('diagnostics', vim.tbl_contains(codes, 'undefined-stage@10'), table.concat(codes, ' '))

local completion = request('textDocument/completion', at(7, 12)) or {}
local labels = {}
for _, item in ipairs(completion.items or completion) do table.insert(labels, item.label) end
check('completion after --from=', vim.tbl_contains(labels, 'builder') and vim.tbl_contains(labels, 'tester'), table.concat(labels, ' '))

local definition = request('textDocument/definition', at(7, 14)) or {}
local target = definition[1] or definition
local range = target.targetRange or target.range
check('definition of --from=builder', range ~= nil and range.start.line == 0)

local rename = request('textDocument/rename', vim.tbl_extend('force', at(0, 28), { newName = 'compile' })) or {}
local edits = (rename.changes or {})[uri] or {}
if #edits == 0 and rename.documentChanges then edits = rename.documentChanges[1].edits end
check('rename edits declaration and references', #edits == 3, tostring(#edits))

local graph = request('dockerfileStages/stageGraph', { textDocument = { uri = uri } }) or {}
check('dockerfileStages/stageGraph', graph.nodes ~= nil and #graph.nodes == 3 and #graph.edges == 3)

local diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, 10)
local actions = request('textDocument/codeAction', {
  textDocument = { uri = uri },
  range = { start = { line = 10, character = 12 }, ['end'] = { line = 10, character = 19 } },
  context = { diagnostics = diagnostics },
}) or {}
local titles = {}
for _, a in ipairs(actions) do table.insert(titles, a.title) end
check('did-you-mean quick fix', vim.tbl_contains(titles, 'Change to "builder"'), table.concat(titles, ' | '))

vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.client_is_stopped(client_id) end, 20)
check('shutdown', vim.lsp.client_is_stopped(client_id))
vim.cmd(all_ok and 'qa!' or 'cq!')
