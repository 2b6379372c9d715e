import { expect } from '@open-wc/testing';
import { classifyResponse, isEventStream } from '../../../src/core/client/classify-response.js';

describe('response classification', () => {
  it('opens only a 200 whose media type is text/event-stream, whatever its parameters', () => {
    expect(classifyResponse(200, 'text/event-stream')).to.equal('open');
    expect(classifyResponse(200, 'Text/Event-Stream; charset=windows-1252')).to.equal('open');
    expect(classifyResponse(200, 'application/json')).to.equal('fail');
    expect(classifyResponse(200, null)).to.equal('fail');
    expect(isEventStream('text/event-stream-x')).to.equal(false);
  });

  it('stops on 204, the server saying there is nothing more', () => {
    expect(classifyResponse(204, null)).to.equal('stop');
  });

  it('retries 408, 429 and every 5xx', () => {
    for (const status of [408, 429, 500, 502, 503, 504, 599]) expect(classifyResponse(status, 'text/event-stream'), `${status}`).to.equal('retry');
  });

  it('fails for good on other 4xx and on 2xx other than 200', () => {
    for (const status of [400, 401, 402, 403, 404, 410, 422, 201, 205, 210, 299]) {
      expect(classifyResponse(status, 'text/event-stream'), `${status}`).to.equal('fail');
    }
  });
});
