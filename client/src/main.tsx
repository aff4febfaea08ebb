import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './App.tsx';
import { createLiveStream } from './live/live-stream.ts';
import { createUrqlTransport } from './live/urql-transport.ts';
import { createClients } from './urql.ts';
import { LiveContext } from './useLive.ts';
import './styles.css';

// Created before the first render: the WebSocket connects at once and the stream must hear it.
const clients = createClients();
const stream = createLiveStream({ transport: createUrqlTransport(clients) });
stream.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Provider value={clients.client}>
      <LiveContext.Provider value={stream}>
        <App />
      </LiveContext.Provider>
    </Provider>
  </StrictMode>,
);
