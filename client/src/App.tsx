import { Header } from './components/Header.tsx';
import { Empty, Panel } from './components/Panel.tsx';
import { useRoute } from './useRoute.ts';
import { CyclesPage } from './views/CyclesPage.tsx';
import { Dashboard } from './views/Dashboard.tsx';
import { Explorer } from './views/Explorer.tsx';
import { FilePage } from './views/FilePage.tsx';
import { GraphPage } from './views/GraphPage.tsx';
import { NodePage } from './views/NodePage.tsx';
import { UnusedPage } from './views/UnusedPage.tsx';

export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <Header route={route} />
      <main className={route.page === 'graph' ? 'main main-wide' : 'main'}>
        {route.page === 'dashboard' && <Dashboard />}
        {route.page === 'explore' && <Explorer route={route} />}
        {route.page === 'node' && <NodePage key={route.key} nodeKey={route.key} />}
        {route.page === 'file' && <FilePage key={route.path} path={route.path} />}
        {route.page === 'cycles' && <CyclesPage route={route} />}
        {route.page === 'unused' && <UnusedPage route={route} />}
        {route.page === 'graph' && <GraphPage route={route} />}
        {route.page === 'not-found' && (
          <Panel title="Not found">
            <Empty>
              There is no page at <code>{route.hash}</code>. Try the <a href="#/">dashboard</a>.
            </Empty>
          </Panel>
        )}
      </main>
    </div>
  );
}
